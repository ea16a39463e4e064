/**
 * The comparison of alternatives as one text table a planner reads: per alternative, what changed
 * and its effect on each key figure as `mean ± half-width` of the paired difference, in durations,
 * counts or person-minutes; `*` marks an effect whose interval excludes zero. The first row gives the
 * base's means in clock times.
 *
 * @module
 */
import { Epoch, formatDifference, formatFigure, textTable } from '../../src/index.js';
import type { AlternativesComparison, FigureEffect } from './compare.js';

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
  const mean = formatDifference(effect.mean, effect.unit);
  if (effect.halfWidth === null) return mean;
  if (effect.mean === 0 && effect.halfWidth === 0) return '0';
  const hw = formatDifference(effect.halfWidth, effect.unit).replace(/^\+/, '');
  return `${mean} ± ${hw}${effect.significant ? ' *' : ''}`;
}

/**
 * The comparison as text: a header with the run's identity, the table, and a legend.
 *
 * @example
 * ```ts
 * console.log(formatAlternativesTable(compareAlternatives(readAlternatives(QINGXU_ALTERNATIVES_FILE), { replications: 3 })));
 * ```
 */
export function formatAlternativesTable(c: AlternativesComparison): string {
  const pct = Math.round(c.level * 100);
  const epoch = c.epoch === '' ? undefined : new Epoch(c.epoch);
  const unitOf = new Map(c.rows.flatMap((r) => r.effects.map((e) => [e.id, e.unit] as const)));
  const labelOf = new Map(c.rows.flatMap((r) => r.effects.map((e) => [e.id, e.label] as const)));
  const baselineRow = [
    'baseline',
    'the spec as written (mean)',
    ...c.keyFigures.map((k) => {
      const v = c.baseline[k.id] ?? null;
      const unit = unitOf.get(k.id) ?? 'count';
      return formatFigure(v === null ? null : unit === 'count' ? Math.round(v) : v, unit, epoch);
    }),
  ];
  const rows = c.rows.map((r) => {
    const byId = new Map(r.effects.map((e) => [e.id, e]));
    return [r.name, r.changed, ...c.keyFigures.map((k) => formatEffect(byId.get(k.id)))];
  });
  return [
    `${c.title}: ${c.replications} paired replications each (common random numbers), seed ${c.seed}, surgesim ${c.version}, ${(c.elapsedMs / 1000).toFixed(1)} s`,
    '',
    textTable(['alternative', 'what changed', ...c.keyFigures.map((k) => k.heading)], [baselineRow, ...rows]),
    '',
    `Effects are alternative − baseline: mean ± half-width of the ${pct} % paired-t interval; * the interval excludes zero.`,
    'Negative times are earlier. Columns:',
    ...c.keyFigures.map((k) => `  ${k.heading}: ${labelOf.get(k.id) ?? k.id}`),
  ].join('\n');
}
