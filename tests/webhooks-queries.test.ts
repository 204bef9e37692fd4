import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { storeRejectedDelivery } from '@/lib/intake/store-delivery';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { getDelivery, listDeliveries } from '@/lib/queries/webhooks';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const ALL = { failedOnly: false, from: null, to: null, source: null, syncRunId: null };

const reject = (receivedAt: Date, reason = 'the Signature header does not match the body') =>
  storeRejectedDelivery(
    { receivedAt, sourceAddress: '198.51.100.7', headers: { 'user-agent': 'test', authorization: '[redacted]' }, bodyBytes: 2 },
    { httpStatus: 401, reason, signature: 'invalid', bodyExcerpt: '{"a":1}' },
  );

const deliveryOf = async (mutationId: string) => (await db().mutation.findUniqueOrThrow({ where: { id: mutationId } })).deliveryId;

beforeEach(resetDatabase);

describe('the webhook audit log', () => {
  test('lists calls newest first with the processing state of their mutations', async () => {
    const [waiting] = await receiveTransfers({ amount: 1_000, type: 'DB' });
    const [done] = await receiveTransfers({ amount: 2_000, type: 'DB' });
    await processMutations([done!]);
    const [deadOne, deadOk] = await receiveTransfers({ amount: 3_000, type: 'DB' }, { amount: 4_000, type: 'DB' });
    await processMutations([deadOk!]);
    await db().mutation.update({ where: { id: deadOne! }, data: { processing: 'dead', processError: 'boom' } });
    const rejected = await reject(new Date(Date.now() + 1000));

    const { items, nextCursor } = await listDeliveries(ALL);

    expect(nextCursor).toBeNull();
    expect(items.map((row) => row.id)).toEqual([rejected, await deliveryOf(deadOne!), await deliveryOf(done!), await deliveryOf(waiting!)]);
    expect(items.map((row) => row.processing)).toEqual([
      { state: 'none' },
      { state: 'dead', dead: 1, total: 2 },
      { state: 'processed', total: 1 },
      { state: 'waiting', waiting: 1, total: 1 },
    ]);
    expect(items[0]).toMatchObject({ outcome: 'rejected', httpStatus: 401, signature: 'invalid', sourceAddress: '198.51.100.7' });
    expect(items[1]).toMatchObject({ outcome: 'accepted', accepted: 2, duplicates: 0, signature: 'valid' });
  });

  test('failed only keeps rejected calls and calls with dead mutations', async () => {
    await receiveTransfers({ amount: 1_000, type: 'DB' });
    const [dead] = await receiveTransfers({ amount: 2_000, type: 'DB' });
    await db().mutation.update({ where: { id: dead! }, data: { processing: 'dead' } });
    const rejected = await reject(new Date());

    const { items } = await listDeliveries({ ...ALL, failedOnly: true });

    expect(items.map((row) => row.id).sort()).toEqual([rejected, await deliveryOf(dead!)].sort());
  });

  test('a date range selects Jakarta calendar days, both ends included', async () => {
    const early = await reject(new Date('2026-11-01T16:59:00Z')); // 23:59 on 1 Nov in Jakarta
    const inside = await reject(new Date('2026-11-01T17:00:00Z')); // 00:00 on 2 Nov
    const late = await reject(new Date('2026-11-03T16:59:59Z')); // 23:59 on 3 Nov
    await reject(new Date('2026-11-03T17:00:00Z')); // 4 Nov

    const { items } = await listDeliveries({ ...ALL, from: '2026-11-02', to: '2026-11-03' });

    expect(items.map((row) => row.id)).toEqual([late, inside]);
    expect(items.map((row) => row.id)).not.toContain(early);
  });

  test('pages by cursor without repeating or skipping a call, even with equal times', async () => {
    const at = new Date('2026-11-10T03:00:00Z');
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await reject(i < 3 ? at : new Date(at.getTime() - i * 1000)));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listDeliveries(ALL, { cursor, limit: 2 });
      seen.push(...page.items.map((row) => row.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);

    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(seen.sort()).toEqual(ids.sort());
  });

  test('the detail has the headers, the body, and each mutation with its processing state and error', async () => {
    const [id] = await receiveTransfers({ amount: 5_000, type: 'DB', description: 'BIAYA ADM' });
    await db().mutation.update({ where: { id: id! }, data: { processing: 'dead', processError: 'database went away' } });

    const detail = await getDelivery(await deliveryOf(id!));

    expect(detail).toMatchObject({ outcome: 'accepted', processing: { state: 'dead', dead: 1, total: 1 } });
    expect(detail!.mutations).toEqual([
      expect.objectContaining({ id, amount: '5000', description: 'BIAYA ADM', processing: 'dead', processError: 'database went away' }),
    ]);
    expect(JSON.parse(detail!.body)).toHaveLength(1);
    expect(await getDelivery('not-a-uuid')).toBeNull();
    expect(await getDelivery('0190c0de-0000-7000-8000-000000000000')).toBeNull();
  });
});
