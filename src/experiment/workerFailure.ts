/**
 * How a worker thread reports a failed replication back to the main thread. Errors do not cross
 * threads intact (a class is lost in the structured clone), so the worker sends the fields the main
 * thread needs to rebuild the same `ParameterError` or `ReplicationError` the serial run would throw.
 *
 * @internal
 * @module
 */
import { ParameterError } from '../kernel/errors.js';
import { ReplicationError } from './replicate.js';

/**
 * A replication's failure as plain data: a bad parameter (path, expectation, value) or a model error
 * (replication, seed and the cause's message, name and stack).
 *
 * @internal
 * @example
 * ```ts
 * if (answer.kind === 'model') console.error(`replication ${answer.replication}: ${answer.message}`);
 * ```
 */
export type WorkerFailure =
  | {
      readonly ok: false;
      readonly kind: 'parameter';
      readonly path: string;
      readonly expected: string;
      readonly value: unknown;
    }
  | {
      readonly ok: false;
      readonly kind: 'model';
      readonly replication: number;
      readonly seed: number;
      readonly message: string;
      readonly name: string;
      readonly stack: string | undefined;
    };

/**
 * `e` as a {@link WorkerFailure}; anything other than a `ParameterError` or a `ReplicationError` is
 * rethrown (a bug in the runner, not in the model).
 *
 * @internal
 * @example
 * ```ts
 * try { run(); } catch (e) { return failureOf(e); }
 * ```
 */
export function failureOf(e: unknown): WorkerFailure {
  if (e instanceof ParameterError)
    return { ok: false, kind: 'parameter', path: e.path, expected: e.expected, value: cloneable(e.value) };
  if (e instanceof ReplicationError) {
    const cause = e.cause;
    return {
      ok: false,
      kind: 'model',
      replication: e.replication,
      seed: e.seed,
      message: cause instanceof Error ? cause.message : String(cause),
      name: cause instanceof Error ? cause.name : 'Error',
      stack: cause instanceof Error ? cause.stack : undefined,
    };
  }
  throw e;
}

/** Structured-clone a value for the answer, or describe it when it cannot cross threads. */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : String(value);
  }
}
