/**
 * surgesim's mass-testing models, built only on the public API: sampling sites and whole areas,
 * the lab, checkpoints and musters, bus transfers, isolation-site set-up and supply unloading.
 * Import from `surgesim/models`.
 *
 * ```ts
 * import { runSamplingSite } from 'surgesim/models';
 * const day = runSamplingSite({ population: 2000 }, { seed: 1 });
 * day.tested; // people swabbed by the close
 * ```
 *
 * @module surgesim/models
 */
export * from './area-testing.js';
export * from './bus-transfer.js';
export * from './campaign/index.js';
export * from './checkpoints.js';
export * from './durations.js';
export * from './forecast/index.js';
export * from './lab.js';
export * from './provenance.js';
export * from './sampling-site.js';
export * from './site-setup.js';
export * from './unloading.js';
