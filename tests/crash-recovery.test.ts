import { inject, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { signBody } from '@/lib/moota/signature';
import { resetDatabase } from '@/tests/support/database';
import { expectSoundDatabase } from '@/tests/support/invariants';
import { startAppServer, type AppServer } from '@/tests/support/app-server';

const SECRET = 'crash-test-secret';

beforeAll(resetDatabase);

const delivery = (n: number) =>
  JSON.stringify([
    {
      mutation_id: `crash-${n}`,
      bank_id: 'bnk_1',
      account_number: '8730112233',
      date: '2026-11-28 10:00:00',
      description: `TRSF E-BANKING CR ${n}`,
      amount: 100000 + n,
      type: 'CR',
      balance: 0,
    },
  ]);

async function send(server: AppServer, n: number): Promise<number> {
  const body = delivery(n);
  try {
    const response = await fetch(`${server.url}/api/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', signature: signBody(body, SECRET) },
      body,
      signal: AbortSignal.timeout(5000),
    });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

test('every delivery answered 200 before a SIGKILL is stored and processed exactly once after restart', async () => {
  const options = {
    databaseUrl: inject('databaseUrl'),
    port: 3900 + Math.floor(Math.random() * 90),
    env: { MOOTA_WEBHOOK_SECRET: SECRET, MOOTA_ALLOWED_IPS: '127.0.0.1,::1' },
  };
  const first = await startAppServer(options);
  const acknowledged = new Set<number>();
  let next = 0;
  let killed = false;
  const senders = Array.from({ length: 8 }, async () => {
    while (next < 5000) {
      const n = next++;
      const status = await send(first, n);
      if (status === 200) acknowledged.add(n);
      else if (killed) return;
      if (acknowledged.size >= 150 && !killed) {
        killed = true;
        first.process.kill('SIGKILL');
      }
    }
  });
  await Promise.all(senders);
  expect(killed).toBe(true);
  expect(acknowledged.size).toBeGreaterThanOrEqual(150);

  const second = await startAppServer(options);
  try {
    const ids = [...acknowledged].map((n) => `crash-${n}`);
    await expect
      .poll(() => db().mutation.count({ where: { mootaId: { in: ids }, processing: 'processed' } }), { timeout: 90_000, interval: 250 })
      .toBe(ids.length);
    const stored = await db().mutation.findMany({ where: { mootaId: { in: ids } }, select: { processing: true, processAttempts: true } });
    expect(stored).toHaveLength(ids.length);
    expect(stored.every((m) => m.processing === 'processed' && m.processAttempts === 1)).toBe(true);
    await expectSoundDatabase();
  } finally {
    await second.kill();
  }
}, 180_000);
