/**
 * Named priorities for events that fall due at the same simulated time.
 *
 * The calendar orders events by `(time, priority, insertion order)`: at equal times a smaller
 * priority runs first, and at equal priority the event scheduled first runs first. Ties are never
 * broken at random, so the same model with the same seed always produces the same trace.
 *
 * - `URGENT`: interrupts and process starts, so that a process created or interrupted "now" reacts
 *   before anything else that happens now.
 * - `RELEASE`: releases of resources, so that a server freed at time t is available to a request
 *   made at the same time t (releases before seizes).
 * - `NORMAL`: everything else (timeouts, grants, user events). The default.
 * - `LATE`: bookkeeping that should see the state after everything else at that time (end-of-window
 *   counts, monitor samples, deadlines).
 *
 * @example
 * ```ts
 * env.schedule(0, () => log.push('late'), undefined, Priority.LATE);
 * env.schedule(0, () => log.push('first'), undefined, Priority.URGENT);
 * env.run(); // log = ['first', 'late']
 * ```
 */
export const Priority = {
  /** 0: interrupts and process starts, so a process created or interrupted now reacts first. */
  URGENT: 0,
  /** 1: releases of resources, so a unit freed at t serves a request made at t. */
  RELEASE: 1,
  /** 2: everything else (timeouts, grants, user events); the default. */
  NORMAL: 2,
  /** 3: bookkeeping that should see the state after everything else at that time. */
  LATE: 3,
} as const;

/** One of the {@link Priority} values (any integer 0–255 is accepted by the calendar). */
export type PriorityLevel = number;

/** Highest priority number the calendar accepts (priorities are small non-negative integers). */
export const MAX_PRIORITY = 255;
