/**
 * How a worker thread reports a failed replication back to the main thread, and how the main thread
 * turns it back into an error. Errors do not cross threads intact (a class is lost in the structured
 * clone), so the worker sends the fields ({@link failureOf}) the main thread needs to rebuild
 * ({@link errorOf}) the same `ParameterError` or `ReplicationError` the serial run would throw.
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

/**
 * The error a {@link WorkerFailure} stands for, rebuilt on the main thread: the same
 * `ParameterError`, or a `ReplicationError` whose cause carries the model error's name, message and
 * stack — what the serial run would have thrown.
 *
 * @internal
 * @example
 * ```ts
 * if (!answer.ok && (answer.kind === 'parameter' || answer.kind === 'model')) throw errorOf(answer);
 * ```
 */
export function errorOf(failure: WorkerFailure): Error {
  if (failure.kind === 'parameter') return new ParameterError(failure.path, failure.expected, failure.value);
  const cause = new Error(failure.message);
  cause.name = failure.name;
  if (failure.stack !== undefined) cause.stack = failure.stack;
  return new ReplicationError(failure.replication, failure.seed, cause);
}

/** Structured-clone a value for the answer, or describe it when it cannot cross threads. */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return typeof value === 'function' ? `function ${value.name || '(anonymous)'}` : String(value);
  }
}
