import { afterEach, describe, expect, test, vi } from 'vitest';
import { DatabaseDeadlineError, isDatabaseUnavailable, withinDeadline } from './unavailable';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  test.each([
    { label: 'connection refused', error: withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'), unavailable: true },
    { label: 'pool connect timeout', error: new Error('timeout exceeded when trying to connect'), unavailable: true },
    { label: 'connection lost mid-query', error: new Error('Connection terminated unexpectedly'), unavailable: true },
    { label: 'client-side query timeout', error: new Error('Query read timeout'), unavailable: true },
    { label: 'statement timeout', error: withCode('canceling statement due to statement timeout', '57014'), unavailable: true },
    { label: 'server shutting down', error: withCode('terminating connection due to administrator command', '57P01'), unavailable: true },
    { label: 'starting up', error: withCode('the database system is starting up', '57P03'), unavailable: true },
    { label: 'too many connections', error: withCode('sorry, too many clients already', '53300'), unavailable: true },
    { label: 'connection exception', error: withCode('connection failure', '08006'), unavailable: true },
    { label: 'deadlock', error: withCode('deadlock detected', '40P01'), unavailable: true },
    { label: 'wrapped in a cause', error: new Error('could not store', { cause: withCode('refused', 'ECONNREFUSED') }), unavailable: true },
    { label: 'several addresses refused', error: new AggregateError([withCode('a', 'ECONNREFUSED')], ''), unavailable: true },
    { label: 'past the caller’s deadline', error: new DatabaseDeadlineError(4000), unavailable: true },
    { label: 'bigint out of range', error: withCode('value "9223372036854775808" is out of range for type bigint', '22003'), unavailable: false },
    { label: 'NUL in jsonb', error: withCode('unsupported Unicode escape sequence', '22P05'), unavailable: false },
    { label: 'check constraint', error: withCode('new row violates check constraint', '23514'), unavailable: false },
    { label: 'a bug of ours', error: new RangeError('Maximum call stack size exceeded'), unavailable: false },
    { label: 'not an error', error: 'ECONNREFUSED', unavailable: false },
  ])('$label', ({ error, unavailable }) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });
});

describe('withinDeadline', () => {
  afterEach(() => vi.useRealTimers());

  test('work that ends in time gives its result', async () => {
    await expect(withinDeadline(Promise.resolve(7), 100, () => 0)).resolves.toBe(7);
  });

  test('work that outlasts the deadline is given up with a DatabaseDeadlineError', async () => {
    vi.useFakeTimers();
    const never = new Promise<never>(() => {});
    const answer = withinDeadline(never, 4000, () => 1000);
    const checked = expect(answer).rejects.toThrow(new DatabaseDeadlineError(3000));
    await vi.advanceTimersByTimeAsync(3000);
    await checked;
  });

  test('a deadline already passed gives up at once; no deadline waits for the work', async () => {
    await expect(withinDeadline(new Promise<never>(() => {}), 10, () => 20)).rejects.toBeInstanceOf(DatabaseDeadlineError);
    await expect(withinDeadline(Promise.resolve('done'), Number.POSITIVE_INFINITY)).resolves.toBe('done');
  });
});
