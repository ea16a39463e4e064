import { describe, expect, it } from 'vitest';
import { bottlenecksByHour, type QueueSample } from '../../src/planning/index.js';
import { seededRng } from '../../src/random/index.js';

// A two-stage tandem line with exponential services, simulated by the departure recursion
// D1[i] = max(A[i], D1[i-1]) + S1[i], D2[i] = max(D1[i], D2[i-1]) + S2[i]. Arrivals at 1 per
// minute; stage 1 serves at 1.5 per minute and stage 2 at 0.9 per minute, so stage 2 is the slow
// stage: its queue grows by about 0.1 per minute while stage 1 stays stable.
function tandemSamples(seed: number): QueueSample[] {
  const rng = seededRng(seed, 'tandem');
  const exp = (rate: number): number => -Math.log(rng.next()) / rate;
  const n = 240;
  const a: number[] = [];
  const s1: number[] = [];
  const d1: number[] = [];
  const s2: number[] = [];
  const d2: number[] = [];
  let t = 0;
  for (let i = 0; i < n; i++) {
    t += exp(1);
    a.push(t);
    const start1 = Math.max(t, d1[i - 1] ?? 0);
    s1.push(start1);
    d1.push(start1 + exp(1.5));
    const start2 = Math.max(d1[i] as number, d2[i - 1] ?? 0);
    s2.push(start2);
    d2.push(start2 + exp(0.9));
  }
  // Queue before a stage at time x: arrived to it by x and not yet started there.
  const samples: QueueSample[] = [];
  for (let x = 0; x <= 240; x += 5) {
    let q1 = 0;
    let q2 = 0;
    for (let i = 0; i < n; i++) {
      if ((a[i] as number) <= x && (s1[i] as number) > x) q1++;
      if ((d1[i] as number) <= x && (s2[i] as number) > x) q2++;
    }
    samples.push({ time: x, queues: { first: q1, second: q2 } });
  }
  return samples;
}

describe('bottlenecksByHour', () => {
  it('names the slow stage of a tandem line in its later hours', () => {
    const hours = bottlenecksByHour(tandemSamples(4), 60);
    expect(hours).toHaveLength(5);
    for (const h of hours.slice(1, 4)) expect(h.bottleneck).toBe('second');
    expect(hours[3]?.stages.second?.mean).toBeGreaterThan(hours[3]?.stages.first?.mean ?? 0);
  });
  it('has no bottleneck when every queue is empty', () => {
    expect(bottlenecksByHour([{ time: 0, queues: { a: 0 } }])[0]?.bottleneck).toBeNull();
  });
  it('rejects empty lists, times out of order and missing stages by path', () => {
    expect(() => bottlenecksByHour([])).toThrow(/samples: expected a non-empty list/);
    expect(() =>
      bottlenecksByHour([
        { time: 5, queues: { a: 0 } },
        { time: 1, queues: { a: 0 } },
      ]),
    ).toThrow(/samples\[1\]\.time/);
    expect(() =>
      bottlenecksByHour([
        { time: 0, queues: { a: 0 } },
        { time: 1, queues: {} },
      ]),
    ).toThrow(/samples\[1\]\.queues\.a: expected a count ≥ 0, got undefined/);
  });
});
