/**
 * Whether a database error means "not reachable now" (retrying later can succeed) rather than
 * "refused this data" (retrying never will). Only the first may be answered "try again later".
 */

// SQLSTATE classes and codes of a server that is away, overloaded or shutting down, or of work it
// gave up on for a while (a timeout, a deadlock, a serialization failure): none is about the data.
const UNAVAILABLE_CLASSES = ['08', '53', '57P'];
const UNAVAILABLE_CODES = new Set(['57014', '40001', '40P01', '55P03']);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
// pg and pg-pool say these without a code.
const UNAVAILABLE_MESSAGES =
  /timeout exceeded when trying to connect|connection terminated|query read timeout|not queryable|connection timeout|cannot use a pool after calling end/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!(error instanceof Error) || depth > 4) return false;
  if (error instanceof DatabaseDeadlineError) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NETWORK_CODES.has(code) || UNAVAILABLE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code) && UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix))) return true;
  }
  if (UNAVAILABLE_MESSAGES.test(error.message)) return true;
  if (error instanceof AggregateError && error.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1))) return true;
  return isDatabaseUnavailable(error.cause, depth + 1);
}

/** The database did not answer within the time the caller had for it. */
export class DatabaseDeadlineError extends Error {
  constructor(readonly ms: number) {
    super(`the database did not answer within ${Math.round(ms)} ms`);
    this.name = 'DatabaseDeadlineError';
  }
}

/**
 * `work`, or a DatabaseDeadlineError once `deadline` (a `performance.now()` time) has passed:
 * the caller answers in time. The work itself runs on to its own end (the pool's timeouts end it).
 */
export function withinDeadline<T>(work: Promise<T>, deadline: number, now: () => number = () => performance.now()): Promise<T> {
  const left = deadline - now();
  if (!Number.isFinite(left)) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseDeadlineError(Math.max(left, 0))), Math.max(left, 0));
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
