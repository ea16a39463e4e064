/**
 * The big-city day: 25 million people over 10 000 sampling sites in one day (Shanghai scale).
 *
 * Sites are independent (no shared staff or lab), so the day is sharded: a shard is a block of sites,
 * one parallel "replication" of {@link bigCityShard}, and a worker thread runs its shards' sites one
 * at a time, each in its own small simulation (the area model with one site, `runAreaTesting`), and
 * returns sums. Memory therefore stays at one site per thread however big the city. Every site is the
 * `benchAreaTesting` site (2 500 people called at once, arriving within 3 h; a swabber per 600
 * people, a clerk per 300, two marshals), with its own seed `replicationSeed(shard seed, site)`.
 */
import { runAreaTesting } from '../models/area-testing.js';
import type { ReplicationContext } from '../src/experiment/replicate.js';
import { replicationSeed } from '../src/random/seed.js';

/** Parameters of a shard (structured-cloneable: they cross to the worker threads). */
export interface BigCityShardParams {
  readonly sitesPerShard: number;
  readonly peoplePerSite: number;
  /** Standard resource monitors in each site's simulation. */
  readonly monitors: boolean;
}

/**
 * Run one shard's sites one after another and sum them.
 *
 * @example
 * ```ts
 * bigCityShard({ sitesPerShard: 2, peoplePerSite: 2500, monitors: false }, ctx).tested; // 5000
 * ```
 */
export function bigCityShard(p: BigCityShardParams, ctx: ReplicationContext) {
  const people = p.peoplePerSite;
  const input = {
    population: people,
    sites: 1,
    staff: { swabbers: Math.ceil(people / 600), clerks: Math.ceil(people / 300), marshals: 2 },
    site: { arrivals: { kind: 'call', at: 0, within: 10_800 } },
  } as const;
  let tested = 0;
  let notTested = 0;
  let lastSwab = 0;
  let siteFinishSum = 0;
  for (let k = 0; k < p.sitesPerShard; k++) {
    const r = runAreaTesting(input, { seed: replicationSeed(ctx.seed, k), monitors: p.monitors });
    tested += r.tested;
    notTested += r.notTestedAtDeadline ?? 0;
    const finish = r.finish ?? 0;
    siteFinishSum += finish;
    if (finish > lastSwab) lastSwab = finish;
  }
  return {
    sites: p.sitesPerShard,
    people: p.sitesPerShard * people,
    tested,
    notTested,
    lastSwab,
    meanSiteFinish: siteFinishSum / p.sitesPerShard,
  };
}
