/**
 * Wait-for analysis: which processes can never resume, and the cycle that holds them.
 *
 * A process waits on an event; some events can be triggered only by the progress of known processes
 * (a process's completion only by that process; an `allOf` as soon as one child cannot happen, an
 * `anyOf` only when none can; other events say so through their `_waitOwners` hook). The processes
 * that can never resume are the largest set in which every member waits on an event that only
 * members could trigger: start from every waiting process and drop, until nothing changes, each
 * whose event something outside the set could still trigger. Processes in a delay, or waiting on an
 * event of unknown owner (a plain `env.event()`), are never in it.
 *
 * Only an interrupt from outside the set can still free its members, which is why the environment
 * reports the set at once when the calendar is empty but, while other entries keep the run going,
 * only once it has lasted a whole watchdog period.
 *
 * @internal
 * @module
 */
import { AllOf, AnyOf } from './condition.js';
import { PENDING, type SimEvent } from './event.js';
import { Process } from './process.js';

/** One step of a wait-for cycle: `process` waits on the event `waitsOn`, which `owner` would trigger. */
export interface WaitEdge {
  /** The waiting process. */
  readonly process: string;
  /** What it waits on (the event's description). */
  readonly waitsOn: string;
  /** The process whose progress would trigger that event (`'nobody'` when none can). */
  readonly owner: string;
}

/** The processes among `candidates` that can never resume (see the module documentation). */
export function stuckProcesses(candidates: Iterable<Process<any>>): Set<Process<any>> {
  const stuck = new Set<Process<any>>();
  for (const p of candidates) {
    const t = p._target;
    if (t !== null && t._state === PENDING && ownersKnown(t)) stuck.add(p);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of stuck)
      if (!blocked(p._target!, stuck)) {
        stuck.delete(p);
        changed = true;
      }
  }
  return stuck;
}

/**
 * Whether some process could be all that `ev` waits for: a cheap first sieve, so that the many
 * processes of a big model waiting on resource requests or delays never enter the set.
 */
function ownersKnown(ev: SimEvent<any>): boolean {
  return ev instanceof Process || ev instanceof AllOf || ev instanceof AnyOf || ev._waitOwners() !== null;
}

/** Whether `ev` can be triggered only by members of `stuck`. */
function blocked(ev: SimEvent<any>, stuck: ReadonlySet<Process<any>>): boolean {
  if (ev._state !== PENDING) return false;
  if (ev instanceof Process) return stuck.has(ev);
  if (ev instanceof AllOf) return ev._watched.some((c) => blocked(c, stuck));
  if (ev instanceof AnyOf) return ev._watched.every((c) => blocked(c, stuck));
  const owners = ev._waitOwners();
  return owners !== null && owners.every((o) => stuck.has(o));
}

/** A member of `stuck` whose progress `ev` waits for, or null when nobody could trigger it. */
function culprit(ev: SimEvent<any>, stuck: ReadonlySet<Process<any>>): Process<any> | null {
  if (ev instanceof Process) return ev;
  if (ev instanceof AllOf || ev instanceof AnyOf) {
    const child = ev._watched.find((c) => blocked(c, stuck));
    return child === undefined ? null : culprit(child, stuck);
  }
  return ev._waitOwners()?.find((o) => stuck.has(o)) ?? null;
}

/**
 * Follow who-waits-for-whom from `start` (a member of `stuck`) until a process repeats, and return
 * the cycle it closes; when the chain ends at an event nobody can trigger, the whole chain.
 */
export function waitCycle(start: Process<any>, stuck: ReadonlySet<Process<any>>): WaitEdge[] {
  const path: WaitEdge[] = [];
  const seen = new Map<Process<any>, number>();
  let p: Process<any> | null = start;
  while (p !== null && !seen.has(p)) {
    seen.set(p, path.length);
    const target: SimEvent<any> = p._target!;
    const owner = culprit(target, stuck);
    path.push({ process: p.name, waitsOn: target.describe(), owner: owner?.name ?? 'nobody' });
    p = owner;
  }
  return p === null ? path : path.slice(seen.get(p));
}

/** `A waits on process B, owned by B` lines, one per edge, indented. */
export function formatCycle(cycle: readonly WaitEdge[]): string {
  return cycle.map((e) => `  ${e.process} waits on ${e.waitsOn}, owned by ${e.owner}`).join('\n');
}
