/**
 * Log test of the grant hook ({@link ResourceHook}): every grant and every return of units reaches
 * the hook as it happens, before the holder learns of it (a seize callback runs after its `granted`;
 * a preempting request's `granted` follows its victims' `preempted`), with the amount. One resource
 * has one hook.
 */
import { expect, test } from 'vitest';
import { Environment } from '../../src/kernel/index.js';
import type { Request } from '../../src/resources/request.js';
import { Resource } from '../../src/resources/resource.js';

test('the hook sees each grant and return as it happens, before the holder', () => {
  const env = new Environment();
  const desk = new Resource(env, { name: 'desk', capacity: 2 });
  const log: unknown[][] = [];
  desk.setHook({
    granted: (req, arg, amount) => log.push(['hook granted', req?.entity ?? arg, amount, env.now]),
    returned: (req, how, amount) => log.push([`hook ${how}`, req?.entity ?? 'callback', amount, env.now]),
  });
  // t=0: seat-1 and low (priority 5) are granted at once; seat-2 (2 units, priority 1) waits.
  desk.seize((id) => log.push(['callback runs', id, env.now]), 'seat-1');
  const low = desk.request({ entity: 'low', priority: 5 });
  desk.seize((id) => log.push(['callback runs', id, env.now]), 'seat-2', 1, 2);
  // t=1: seat-1 is freed; one unit free, seat-2 still waits for two.
  env.schedule(1, () => desk.free());
  // t=2: urgent (2 units, priority 0, preempt) is first in line: the free unit plus low's make room.
  let urgent: Request | undefined;
  env.schedule(2, () => {
    urgent = desk.request({ entity: 'urgent', priority: 0, preempt: true, amount: 2 });
  });
  // t=3: urgent releases both units: seat-2 gets them, its callback runs after the hook.
  env.schedule(3, () => desk.release(urgent!));
  env.run();
  let second = 'no error';
  try {
    desk.setHook({ granted() {}, returned() {} });
  } catch (e) {
    second = (e as Error).message;
  }
  expect([log, low.status, second]).toEqual([
    [
      ['hook granted', 'seat-1', 1, 0],
      ['callback runs', 'seat-1', 0],
      ['hook granted', 'low', 1, 0],
      ['hook released', 'callback', 1, 1],
      ['hook preempted', 'low', 1, 2],
      ['hook granted', 'urgent', 2, 2],
      ['hook released', 'urgent', 2, 3],
      ['hook granted', 'seat-2', 2, 3],
      ['callback runs', 'seat-2', 3],
    ],
    'preempted',
    expect.stringContaining('setHook on resource desk: it already has a hook'),
  ]);
});
