import { describe, expect, test } from 'vitest';
import { isDatabaseUnavailable } from './unavailable';

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
    { label: 'bigint out of range', error: withCode('value "9223372036854775808" is out of range for type bigint', '22003'), unavailable: false },
    { label: 'NUL in jsonb', error: withCode('unsupported Unicode escape sequence', '22P05'), unavailable: false },
    { label: 'check constraint', error: withCode('new row violates check constraint', '23514'), unavailable: false },
    { label: 'a bug of ours', error: new RangeError('Maximum call stack size exceeded'), unavailable: false },
    { label: 'not an error', error: 'ECONNREFUSED', unavailable: false },
  ])('$label', ({ error, unavailable }) => {
    expect(isDatabaseUnavailable(error)).toBe(unavailable);
  });
});
