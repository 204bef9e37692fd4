import { expect, test } from 'vitest';
import { poolConfig } from '@/lib/db';
import { parseEnv } from '@/lib/env';

test('the pool gives up on a database that is away or hung: defaults leave the webhook time to answer 503 within 5 s', () => {
  const config = parseEnv({ DATABASE_URL: 'postgresql://localhost/cocok' });
  expect(config.DATABASE_CONNECT_TIMEOUT_MS + 1000).toBeLessThanOrEqual(config.WEBHOOK_DATABASE_MS);
  expect(config.WEBHOOK_DATABASE_MS).toBeLessThan(5000);
  expect(poolConfig(config)).toMatchObject({
    connectionString: 'postgresql://localhost/cocok',
    connectionTimeoutMillis: 2000,
    idleTimeoutMillis: 10_000,
    statement_timeout: 60_000,
    idle_in_transaction_session_timeout: 60_000,
    query_timeout: 65_000,
  });
});

test('each timeout can be set through the environment, and nonsense is refused', () => {
  const config = parseEnv({
    DATABASE_CONNECT_TIMEOUT_MS: '500',
    DATABASE_STATEMENT_TIMEOUT_MS: '10000',
    DATABASE_IDLE_TIMEOUT_MS: '3000',
    WEBHOOK_DATABASE_MS: '3500',
  });
  expect(poolConfig(config)).toMatchObject({
    connectionTimeoutMillis: 500,
    statement_timeout: 10_000,
    query_timeout: 15_000,
    idleTimeoutMillis: 3000,
  });
  expect(config.WEBHOOK_DATABASE_MS).toBe(3500);
  expect(() => parseEnv({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS must be a whole number from 100/);
  expect(() => parseEnv({ WEBHOOK_DATABASE_MS: 'soon' })).toThrow(/WEBHOOK_DATABASE_MS/);
});
