/**
 * The alternatives a planner tests against the Qingxu replay, declared as data: a name, one line
 * saying what changed, the source or assumption behind the new values, and the parameter overrides
 * (merged into the replay's defaults with `mergeParameters`, which rejects unknown paths).
 *
 * Every alternative changes only what its line says; everything else (and every random stream) is
 * the baseline's, so the comparison isolates the change.
 *
 * @module
 */
import type { Overrides } from '../../src/index.js';
import type { QingxuParams } from '../qingxu/params.js';

/**
 * One alternative to the replayed day.
 *
 * @example
 * ```ts
 * const a: Alternative = {
 *   name: 'pool-20',
 *   changed: '20-in-1 pooling instead of 10-in-1',
 *   basis: 'cal §1a',
 *   overrides: { hedong: { pool: 20 } },
 * };
 * ```
 */
export interface Alternative {
  /** Short id, used by `--only` (lower case, digits and dashes). */
  readonly name: string;
  /** What changed, in one line a planner reads. */
  readonly changed: string;
  /** Where the new values come from: a calibration row, or an assumption `[X]` with its range. */
  readonly basis: string;
  /** Overrides of the replay's parameters. */
  readonly overrides: Overrides<QingxuParams>;
}

/**
 * The alternatives, in table order.
 *
 * @example
 * ```ts
 * QINGXU_ALTERNATIVES.map((a) => a.name); // ['qr-prereg', 'qr-cards', ...]
 * ```
 */
export const QINGXU_ALTERNATIVES: readonly Alternative[] = [
  {
    name: 'qr-prereg',
    changed: 'QR pre-registration: code users 50 % → 80 %, manual ID 31 % → 1 %',
    basis:
      '[X] cal §1b/§4 give the 5–8 s scan but no uptake; 80 % is the top of the replay’s assumed 30–80 % range (elders unchanged at 18.9 %)',
    overrides: { hedong: { mix: { qr: 0.8, id: 0.011 } } },
  },
  {
    name: 'qr-cards',
    changed: 'printed QR cards for the elderly: assisted entry 60–180 s → 10–20 s',
    basis:
      'cal §1b (registration aids: Zhashui/Qiqihar cards, no timing) and cal §2 (b): card cuts elders’ entry to ≈15 s; [X] range 10–20 s, every elder carded',
    overrides: { hedong: { registration: { assisted: { dist: 'uniform', min: '10 s', max: '20 s' } } } },
  },
  {
    name: 'assisted-lane',
    changed: 'separate assisted lane: +3 clerks per point (150) serving only elders',
    basis:
      'cal §2 (a): a separate elder lane removes the load and variance from the main lane; [X] 3 per point, sized to the elders’ entry work (≈444 elders × 120 s ≈ 2.5 clerk-shifts of 6 h per point; with 1 or 2 per point the lane itself is the bottleneck)',
    overrides: { hedong: { staff: { assistedClerks: 150 } } },
  },
  {
    name: 'lane-same-staff',
    changed: 'assisted lane from the same 200 clerks: 2 per point for elders, 2 for everyone else',
    basis: 'as assisted-lane, with no extra staff: does separating the elders help by itself?',
    overrides: { hedong: { staff: { clerks: 100, assistedClerks: 100 } } },
  },
  {
    name: 'pool-20',
    changed: '20-in-1 pooling instead of 10-in-1',
    basis: 'cal §1a: 20-in-1 allowed from January 2022',
    overrides: { hedong: { pool: 20 } },
  },
  {
    name: 'swabbers+20%',
    changed: '20 % more swabbers: 180 → 216',
    basis: 'planner’s choice; cal §2 gives 149–199 tables for Hedong',
    overrides: { hedong: { staff: { swabbers: 216 } } },
  },
  {
    name: 'village-slots',
    changed: 'village time slots: four 90-min slots of 25 % instead of one 19:00 call',
    basis: 'cal §1a/§3: NHC staggered time slots; [X] four equal slots 19:00–01:00',
    overrides: { hedong: { arrivals: { pattern: 'slots' } } },
  },
  {
    name: 'suit-4h',
    changed: 'protective-suit rotation every 4 h (30 min rest, 10 min to suit up, 10 % reserves)',
    basis: 'cal §1b: 4 h PPE limit; [X] rest, changeover and reserves as in the replay’s suit row',
    overrides: { hedong: { suit: { rotate: true, maxContinuous: '4 h' } } },
  },
  {
    name: 'suit-2h',
    changed: 'protective-suit rotation every 2 h (30 min rest, 10 min to suit up, 10 % reserves)',
    basis: 'cal §1b: 1–2 h for outdoor swabbers; [X] as suit-4h otherwise',
    overrides: { hedong: { suit: { rotate: true, maxContinuous: '2 h' } } },
  },
  {
    name: 'setup-14:30',
    changed: 'isolation-site set-up starts at 14:30 (with the zoning) instead of 16:00',
    basis: 'F8: the zoning decision is at 14:30; F11 reports 16:00',
    overrides: { siteSetup: { start: '14:30' } },
  },
  {
    name: 'buses-34',
    changed: 'twice the buses (34) at the half-seat cap, ≈10 a bus, escort 60 → 102 (3 a bus)',
    basis:
      'cal §1d: ≤ 50 % of seats in high-risk areas, ≈3.5 escorts a bus; [X] 34 buses and 102 escorts available (with the reported 60 escorts only 20 buses can leave at once)',
    overrides: { transfer: { buses: 34, loadCap: 0.5, escort: { staff: 102 } } },
  },
  {
    name: 'doors-2',
    changed: 'two checked boarding points at the park instead of one (17 buses)',
    basis: '[X] the replay’s transfer.doors range 1–2',
    overrides: { transfer: { doors: 2 } },
  },
  {
    name: 'chains-3',
    changed: 'three parallel unloading chains of 40 at three trucks instead of one chain of 120',
    basis: 'F17: 120 volunteers; [X] three trucks can be worked at once',
    overrides: { unloading: { chains: 3, bays: 3 } },
  },
];

/**
 * The key figures of the comparison: replay figure ids with a short column heading.
 *
 * @example
 * ```ts
 * KEY_FIGURES.map((k) => k.id); // ['hedong.tested6h', 'hedong.finish', ...]
 * ```
 */
export const KEY_FIGURES: readonly { readonly id: string; readonly heading: string }[] = [
  { id: 'hedong.tested6h', heading: 'Hedong by 6 h' },
  { id: 'hedong.finish', heading: 'last swab' },
  { id: 'hedong.p95.timeInPoint.assisted', heading: 'p95 elder in point' },
  { id: 'hedong.p95.swab.all', heading: 'p95 swab wait' },
  { id: 'hedong.tubes', heading: 'tubes' },
  { id: 'hedong.lastResult', heading: 'last result' },
  { id: 'siteSetup.neededReady', heading: '327th bed' },
  { id: 'transfer.finish', heading: 'transfer done' },
  { id: 'transfer.exposure', heading: 'exposure' },
  { id: 'unloading.finish', heading: 'unloading done' },
];
