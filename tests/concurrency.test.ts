import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { createOrder } from '@/lib/orders/create-order';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { resetDatabase } from '@/tests/support/database';
import { expectSoundDatabase } from '@/tests/support/invariants';
import { receiveTransfers } from '@/tests/support/mutations';

const root = path.resolve(import.meta.dirname, '..');
const workers: ChildProcess[] = [];

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/worker.ts'], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${output}`)), 60_000);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}:\n${output}`)));
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('worker is processing jobs')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
  });
}

beforeAll(async () => {
  await resetDatabase();
  workers.push(...(await Promise.all([startWorkerProcess(), startWorkerProcess()])));
}, 90_000);

// Waits for the workers to exit, so that they cannot take the next test file's jobs.
afterAll(async () => {
  await Promise.all(
    workers.map((worker) =>
      worker.exitCode !== null || worker.signalCode !== null
        ? undefined
        : new Promise((resolve) => {
            worker.once('exit', resolve);
            worker.kill('SIGTERM');
          }),
    ),
  );
}, 30_000);

test('two workers, 200 orders and 200 transfers at once: no order paid twice, no transfer used twice', async () => {
  const transferIds: string[] = [];
  // Each batch of 10 orders is paid while the next batches are created, one delivery after another:
  // 150 transfers pay distinct orders; 50 repeat an amount already sent (a second customer, same amount).
  let sending = Promise.resolve();
  for (let batch = 0; batch < 20; batch++) {
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createOrder({ reference: `BURST-${batch * 10 + i}`, amount: 100_000 }, 'api', 'test')),
    );
    if (batch >= 15) continue;
    const transfers = created.map(({ order }) => ({ amount: order.payableAmount }));
    const repeats = batch < 5 ? transfers : [];
    sending = sending.then(async () => {
      transferIds.push(...(await receiveTransfers(...transfers, ...repeats)));
    });
  }
  await sending;
  expect(transferIds).toHaveLength(200);

  await expect.poll(() => db().mutation.count({ where: { processing: 'processed' } }), { timeout: 60_000, interval: 200 }).toBe(200);

  const perOrder = await db().$queryRaw<{ order_id: string; n: bigint }[]>`
    SELECT order_id, count(*) AS n FROM payments WHERE undone_at IS NULL GROUP BY order_id HAVING count(*) > 1`;
  const perMutation = await db().$queryRaw<{ mutation_id: string; n: bigint }[]>`
    SELECT mutation_id, count(*) AS n FROM payments WHERE undone_at IS NULL GROUP BY mutation_id HAVING count(*) > 1`;
  expect(perOrder).toEqual([]);
  expect(perMutation).toEqual([]);

  // Every paid order is paid by one transfer of exactly its amount, and every match paid an order.
  const paidOrders = await db().order.findMany({ where: { status: 'paid' }, include: { payments: { include: { mutation: true } } } });
  expect(paidOrders.length).toBeGreaterThanOrEqual(150);
  for (const order of paidOrders) {
    expect(order.payments).toHaveLength(1);
    expect(order.payments[0]!.mutation.amount).toBe(order.payableAmount);
    expect(order.paidAmount).toBe(order.payableAmount);
  }
  expect(await db().mutation.count({ where: { matchState: 'matched' } })).toBe(paidOrders.length);
  expect(await db().mutation.count({ where: { matchState: 'unmatched' } })).toBe(200 - paidOrders.length);
  expect(await db().order.count({ where: { status: 'pending' } })).toBe(200 - paidOrders.length);
  await expectSoundDatabase();
}, 120_000);
