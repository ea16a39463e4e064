/**
 * The messages between the page and its workers, and how an error crosses the boundary: a
 * `ParameterError`'s path, expectation and value travel as data, so the page can show the message
 * next to the field it names.
 *
 * @module
 */
import type { CampaignResult } from '../../models/index.js';
import type { StaffSearchResult } from '../../src/index.js';
import type { LeastStaffQuestion } from './staffing.js';

/** Page → worker: run one replication of a spec, or answer one least-staff question. */
export type ToWorker =
  | {
      readonly kind: 'replication';
      /** Identifies the spec document, so a worker plans it once. */
      readonly key: string;
      readonly spec: unknown;
      readonly seed: number;
      readonly index: number;
    }
  | { readonly kind: 'leastStaff'; readonly question: LeastStaffQuestion };

/** An error as data: its message, and the parameter path and value when it names one. */
export interface ErrorInfo {
  readonly message: string;
  readonly issues: readonly { readonly path: string; readonly expected: string; readonly value: unknown }[];
}

/** Worker → page. */
export type FromWorker =
  | {
      readonly kind: 'replication';
      readonly index: number;
      readonly output: CampaignResult;
      readonly ms: number;
    }
  | { readonly kind: 'progress'; readonly done: number }
  | { readonly kind: 'leastStaff'; readonly result: StaffSearchResult }
  | ({ readonly kind: 'error' } & ErrorInfo);

/** The parts of an error the page shows: a `SpecError`'s issues, or a `ParameterError`'s one. */
export function errorInfo(e: unknown): ErrorInfo {
  const err = e as {
    message?: unknown;
    issues?: unknown;
    path?: unknown;
    expected?: unknown;
    value?: unknown;
  };
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (Array.isArray(err?.issues)) return { message, issues: err.issues as ErrorInfo['issues'] };
  if (typeof err?.path === 'string' && typeof err.expected === 'string')
    return { message, issues: [{ path: err.path, expected: err.expected, value: safe(err.value) }] };
  const cause = (e as { cause?: unknown })?.cause;
  return cause === undefined ? { message, issues: [] } : { ...errorInfo(cause), message };
}

/** A value that survives structured cloning (functions and the like become text). */
function safe(value: unknown): unknown {
  try {
    structuredClone(value);
    return value;
  } catch {
    return String(value);
  }
}
