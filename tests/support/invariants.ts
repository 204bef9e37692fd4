import { expect } from 'vitest';
import { poolExecutor } from '@/lib/db';
import { checkInvariants } from '@/lib/reconcile/invariants';

/** Fails the test with every violation of the database's invariants, in plain words. */
export async function expectSoundDatabase(): Promise<void> {
  const { violations } = await checkInvariants(poolExecutor());
  expect(violations.map((violation) => violation.message)).toEqual([]);
}
