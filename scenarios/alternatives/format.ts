/**
 * The comparison of alternatives as one text table a planner reads: per alternative, what changed
 * and its effect on each key figure as `mean ± half-width` of the paired difference, in durations,
 * counts or person-minutes; `*` marks an effect whose interval excludes zero. The first row gives the
 * baseline's means in clock times.
 *
 * @module
 */
import { Epoch, type FigureUnit, formatDifference, formatFigure, textTable } from '../../src/index.js';
import { QINGXU_EPOCH } from '../qingxu/params.js';
import { KEY_FIGURES } from './alternatives.js';
import type { AlternativesComparison, FigureEffect } from './compare.js';

const epoch = new Epoch(QINGXU_EPOCH);

/**
 * One effect as `+12 min ± 3 min *` (the paired mean difference, the half-width of its interval, and
 * `*` when the interval excludes zero).
 *
 * @example
 * ```ts
 * formatEffect({ mean: 600, halfWidth: 60, significant: true, unit: 'seconds' } as FigureEffect); // '+10 min ± 1 min *'
 * ```
 */
export function formatEffect(effect: FigureEffect | undefined): string {
  if (effect === undefined || effect.mean === null) return '–';
  const unit = effect.unit as FigureUnit;
  const mean = formatDifference(effect.mean, unit);
  if (effect.halfWidth === null) return mean;
  if (effect.mean === 0 && effect.halfWidth === 0) return '0';
  const hw = formatDifference(effect.halfWidth, unit).replace(/^\+/, '');
  return `${mean} ± ${hw}${effect.significant ? ' *' : ''}`;
}

/**
 * The comparison as text: a header with the run's identity, the table, and a legend.
 *
 * @example
 * ```ts
 * console.log(formatAlternativesTable(compareAlternatives(QINGXU_ALTERNATIVES, { replications: 3 })));
 * ```
 */
export function formatAlternativesTable(c: AlternativesComparison): string {
  const pct = Math.round(c.level * 100);
  const unitOf = new Map(c.rows.flatMap((r) => r.effects.map((e) => [e.id, e.unit as FigureUnit] as const)));
  const baselineRow = [
    'baseline',
    'the replayed day (mean)',
    ...KEY_FIGURES.map((k) => {
      const v = c.baseline[k.id] ?? null;
      const unit = unitOf.get(k.id) ?? 'count';
      return formatFigure(v === null ? null : unit === 'count' ? Math.round(v) : v, unit, epoch);
    }),
  ];
  const rows = c.rows.map((r) => {
    const byId = new Map(r.effects.map((e) => [e.id, e]));
    return [r.name, r.changed, ...KEY_FIGURES.map((k) => formatEffect(byId.get(k.id)))];
  });
  return [
    `Qingxu 13 April 2022 — alternatives vs the replayed day: ${c.replications} paired replications each (common random numbers), seed ${c.seed}, surgesim ${c.version}, ${(c.elapsedMs / 1000).toFixed(1)} s`,
    '',
    textTable(['alternative', 'what changed', ...KEY_FIGURES.map((k) => k.heading)], [baselineRow, ...rows]),
    '',
    `Effects are alternative − baseline: mean ± half-width of the ${pct} % paired-t interval; * the interval excludes zero.`,
    'Negative times are earlier; "exposure" is the park workers’ person-minutes from 14:30 until boarding;',
    '"p95 elder in point" is the 95th percentile of assisted people’s time from arrival to swab.',
  ].join('\n');
}
