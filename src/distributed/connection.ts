/**
 * Connections to Redis (Node only): the URL checked at the edge, ioredis clients set up as BullMQ
 * needs them (`maxRetriesPerRequest: null`, so commands wait through a reconnection instead of
 * failing), and a wait for the first connection that fails clearly instead of retrying forever.
 *
 * @internal
 * @module
 */
import { Redis } from 'ioredis';
import { ParameterError, SurgesimError } from '../kernel/errors.js';

/**
 * A checked Redis URL: `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS.
 *
 * @internal
 * @throws {@link ParameterError} naming `path` for anything else.
 * @example
 * ```ts
 * redisUrl('redis://127.0.0.1:6379', '--redis'); // 'redis://127.0.0.1:6379'
 * ```
 */
export function redisUrl(value: unknown, path: string): string {
  const expected = 'a Redis URL such as redis://host:6379 (or rediss:// for TLS)';
  if (typeof value !== 'string' || !URL.canParse(value)) throw new ParameterError(path, expected, value);
  const url = new URL(value);
  if ((url.protocol !== 'redis:' && url.protocol !== 'rediss:') || url.hostname === '')
    throw new ParameterError(path, expected, value);
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d+$/.test(url.pathname))
    throw new ParameterError(path, `${expected}, with a database number as its path if any`, value);
  return value;
}

/**
 * A key prefix: letters, digits, `_`, `-` and `.`, so it cannot collide with BullMQ's `:`-separated
 * key parts.
 *
 * @internal
 * @throws {@link ParameterError} naming `path`.
 * @example
 * ```ts
 * redisPrefix(undefined, '--prefix'); // 'surgesim'
 * ```
 */
export function redisPrefix(value: unknown, path: string): string {
  if (value === undefined) return 'surgesim';
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(value))
    throw new ParameterError(path, 'a key prefix of 1–64 letters, digits, _, - or .', value);
  return value;
}

/**
 * A new ioredis client for `url`, as BullMQ wants it: commands queue while the connection is down
 * (ioredis reconnects on its own) rather than failing after a few retries.
 *
 * @internal
 * @example
 * ```ts
 * const redis = connect('redis://127.0.0.1:6379');
 * ```
 */
export function connect(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: null,
    // Reconnect quickly at first, then every 2 s: a restarted Redis is found within 2 s.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
}

/**
 * Wait until `client` is connected, or fail after `timeoutMs` naming the URL and the last
 * connection error (ioredis would otherwise retry silently for ever).
 *
 * @internal
 * @example
 * ```ts
 * await ready(redis, url, 10_000);
 * ```
 */
export function ready(client: Redis, url: string, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    let last = '';
    const onError = (e: Error) => {
      last = e.message;
    };
    const onReady = () => {
      clearTimeout(timer);
      client.off('error', onError);
      resolve();
    };
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      client.off('error', onError);
      reject(
        new RedisUnavailableError(
          `cannot reach Redis at ${safeUrl(url)} within ${timeoutMs / 1000} s${last ? ` (${last})` : ''}`,
        ),
      );
    }, timeoutMs);
    client.on('error', onError);
    client.once('ready', onReady);
  });
}

/**
 * Redis could not be reached, or was lost for longer than the run allows.
 *
 * @example
 * ```ts
 * try { await runner.runScenario(scenario, options); } catch (e) { if (e instanceof RedisUnavailableError) retryLater(); }
 * ```
 */
export class RedisUnavailableError extends SurgesimError {
  override name = 'RedisUnavailableError';
}

/**
 * The URL without its password, for messages.
 *
 * @internal
 * @example
 * ```ts
 * safeUrl('redis://u:secret@h:6379'); // 'redis://u:***@h:6379'
 * ```
 */
export function safeUrl(url: string): string {
  const u = new URL(url);
  if (u.password !== '') u.password = '***';
  return u.href.replace(/\/$/, '');
}
