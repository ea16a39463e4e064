/**
 * The departure recurrence of a tandem line with blocking and no buffers: a human chain's interior
 * computed item by item, without one calendar entry per pass.
 *
 * **The line.** Stations 0 … n−1 (the chain's links) each hold at most one item; there is no room
 * between them. Items enter station 0 in order and cannot overtake. Item `i` enters station `j` at
 * `B[i][j]`, is worked on for `S[i][j]` (its pass interval there) and finishes at
 * `F[i][j] = B[i][j] + S[i][j]`. It may then leave, and enter station `j + 1` at the same instant
 * (the hand-over takes no time), only once station `j + 1` is empty; until then it stays where it is
 * and keeps station `j` occupied (blocking after service).
 *
 * **The recurrence.** Station `j + 1` becomes empty when item `i − 1` leaves it, at `D[i−1][j+1]`,
 * and stays empty until item `i` enters: no other item can come in between, because items enter in
 * order and `i` is next. So item `i` leaves station `j` at
 *
 *     D[i][j] = max(F[i][j], D[i−1][j+1])      for j < n − 1,     B[i][j+1] = D[i][j],
 *
 * with `D[−1][·] = −∞` (an empty line blocks nobody). The last station hands into an exit that never
 * refuses (unlimited storage), so `D[i][n−1] = F[i][n−1]`. By induction over items, and within an item
 * over stations, every time equals the one an event-per-pass simulation of the same line produces:
 * that simulation computes each finish as the same sum `B + S` and each hand-over at the later of the
 * same two instants, so the two agree to the last bit, not just approximately. (A finite exit can
 * refuse for a time that depends on the rest of the model; the chain then needs the event-per-pass
 * simulation, see `chain.ts`.)
 *
 * **The cost.** One item costs one pass over the stations, updating one array of the previous item's
 * departures in place: computing station `j` needs the previous item's departure from `j + 1`, which
 * the forward pass has not overwritten yet. No calendar entries, no allocation.
 *
 * @example
 * ```ts
 * const line = new BlockingTandem(3);
 * line.advance(0, [1, 5, 1]); // 7: the first item flows through
 * line.advance(1, [1, 5, 1]); // 12: it waits at station 0 until the slow station 1 is free at 6
 * line.departures;            // Float64Array [6, 11, 12]
 * ```
 *
 * @module
 */

/**
 * A tandem line of `stations` single-item stations with blocking and no buffers, advanced one item at
 * a time by the departure recurrence (see the module comment).
 *
 * @example
 * ```ts
 * const line = new BlockingTandem(2);
 * line.advance(0, [2, 3]); // 5
 * line.advance(2, [2, 3]); // 8: finishes at station 0 at 4, waits for station 1 until 5, leaves at 8
 * ```
 */
export class BlockingTandem {
  /**
   * For each station, the time the latest item left it (−∞ before the first item). After
   * {@link BlockingTandem.advance}, `departures[0]` is when station 0 is free to take the next item.
   */
  readonly departures: Float64Array;

  constructor(
    /** Number of stations (an integer ≥ 1). */
    readonly stations: number,
  ) {
    if (!Number.isInteger(stations) || stations < 1)
      throw new RangeError(`BlockingTandem: stations must be an integer ≥ 1, got ${stations}`);
    this.departures = new Float64Array(stations).fill(Number.NEGATIVE_INFINITY);
  }

  /**
   * Send the next item through: it enters station 0 at `entry` (no earlier than `departures[0]`, when
   * station 0 became free) with work time `service[j]` at station `j`. Updates {@link departures} to
   * this item's departures and returns the last one, the time it leaves the line.
   *
   * @example
   * ```ts
   * const line = new BlockingTandem(3);
   * line.advance(10, [1, 1, 1]); // 13
   * ```
   */
  advance(entry: number, service: ArrayLike<number>): number {
    const d = this.departures;
    const last = d.length - 1;
    let t = entry;
    for (let j = 0; j < last; j++) {
      const finish = t + service[j]!;
      // d[j + 1] still holds the previous item's departure from the next station: read it before
      // this item's departure from station j overwrites d[j].
      const nextFree = d[j + 1]!;
      t = finish >= nextFree ? finish : nextFree;
      d[j] = t;
    }
    t += service[last]!;
    d[last] = t;
    return t;
  }
}
