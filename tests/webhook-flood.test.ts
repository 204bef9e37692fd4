import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { pruneRejectedDeliveries, REFUSED_CALLS_LOGGED_PER_MINUTE } from '@/lib/intake/store-delivery';
import { listDeliveries } from '@/lib/queries/webhooks';
import { resetDatabase } from '@/tests/support/database';
import { TEST_SECRET, webhookRequest, type WebhookCall } from '@/tests/support/webhook';

let POST: (request: Request) => Promise<Response>;

beforeAll(async () => {
  vi.resetModules();
  vi.stubEnv('MOOTA_WEBHOOK_SECRET', TEST_SECRET);
  ({ POST } = await import('@/app/api/webhook/route'));
});
afterAll(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});
beforeEach(resetDatabase);

const post = async (call: WebhookCall) => (await POST(webhookRequest(call))).status;
const mutation = (id: string) => ({ mutation_id: id, account_number: '8730112233', date: '2026-11-28 10:00:00', amount: 150123, type: 'CR' });

/** Caller-chosen headers of about 14 KB, as the review sent them. */
const bulkyHeaders = Object.fromEntries(Array.from({ length: 28 }, (_, i) => [`x-junk-${i}`, 'j'.repeat(500)]));

describe('refused calls cannot fill the log', () => {
  test('a flood of 500 refused calls from one address writes the limit of rows and one counter; accepted deliveries stay visible', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T07:00:05Z'));
    try {
      expect(await post({ body: JSON.stringify([mutation('kept-1')]) })).toBe(200);
      const flood = Array.from({ length: 500 }, () => ({ body: 'x'.repeat(4000), peer: '198.51.100.7', headers: bulkyHeaders }));
      for (let i = 0; i < flood.length; i += 25) {
        const statuses = await Promise.all(flood.slice(i, i + 25).map(post));
        expect(new Set(statuses)).toEqual(new Set([403]));
      }
      expect(await post({ body: JSON.stringify([mutation('kept-2')]) })).toBe(200);
    } finally {
      vi.useRealTimers();
    }

    const refused = await db().delivery.findMany({ where: { outcome: 'rejected' } });
    expect(refused).toHaveLength(REFUSED_CALLS_LOGGED_PER_MINUTE);
    for (const row of refused) {
      expect(JSON.stringify(row.headers).length).toBeLessThan(1024);
      expect(Object.keys(row.headers as object)).not.toContain('x-junk-0');
      expect(row.body.length).toBeLessThanOrEqual(2048);
    }
    expect(await db().refusedCallCount.findMany({ select: { sourceAddress: true, calls: true } })).toEqual([
      { sourceAddress: '198.51.100.7', calls: 500 },
    ]);

    const page = await listDeliveries({ failedOnly: false, from: null, to: null, source: null, syncRunId: null });
    expect(page.items.filter((row) => row.outcome === 'accepted')).toHaveLength(2);
    const counted = page.items.filter((row) => row.moreRefused > 0);
    expect(counted.map((row) => [row.sourceAddress, row.moreRefused])).toEqual([['198.51.100.7', 500 - REFUSED_CALLS_LOGGED_PER_MINUTE]]);
  });

  test('each address and each minute has its own allowance', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-12-03T07:00:59Z'));
      for (const peer of ['198.51.100.7', '198.51.100.7', '203.0.113.5']) expect(await post({ body: '[]', peer })).toBe(403);
      vi.setSystemTime(new Date('2026-12-03T07:01:00Z'));
      expect(await post({ body: '[]', peer: '198.51.100.7' })).toBe(403);
    } finally {
      vi.useRealTimers();
    }
    expect(await db().delivery.count()).toBe(4);
    const counters = await db().refusedCallCount.findMany({ orderBy: [{ minute: 'asc' }, { sourceAddress: 'asc' }] });
    expect(counters.map((c) => [c.sourceAddress, c.minute.toISOString(), c.calls])).toEqual([
      ['198.51.100.7', '2026-12-03T07:00:00.000Z', 2],
      ['203.0.113.5', '2026-12-03T07:00:00.000Z', 1],
      ['198.51.100.7', '2026-12-03T07:01:00.000Z', 1],
    ]);
  });

  test('badly signed calls are bounded too; signed bodies from Moota are always logged whole', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-03T07:00:05Z'));
    try {
      for (let i = 0; i < 15; i++) expect(await post({ body: '[]', secret: 'not-the-secret', headers: bulkyHeaders })).toBe(401);
      for (let i = 0; i < 15; i++) expect(await post({ body: JSON.stringify([{ ...mutation(`bad-${i}`), type: 'XX' }]) })).toBe(400);
    } finally {
      vi.useRealTimers();
    }
    expect(await db().delivery.count({ where: { signature: 'invalid' } })).toBe(REFUSED_CALLS_LOGGED_PER_MINUTE);
    const signed = await db().delivery.findMany({ where: { signature: 'valid' } });
    expect(signed).toHaveLength(15);
    expect(signed[0]!.headers).toMatchObject({ 'user-agent': 'MootaBot/1.5' });
  });

  test('the prune job keeps the refused calls within a size budget, newest kept, accepted deliveries untouched', async () => {
    expect(await post({ body: JSON.stringify([mutation('kept')]) })).toBe(200);
    for (let i = 0; i < 12; i++) expect(await post({ body: 'y'.repeat(1000), peer: `198.51.100.${i + 1}` })).toBe(403);
    const sizes = await db().$queryRawUnsafe<{ id: string; size: number }[]>(
      `SELECT id, (octet_length(body) + octet_length(headers::text) + coalesce(octet_length(reason), 0))::int AS size
         FROM deliveries WHERE outcome = 'rejected' ORDER BY received_at DESC, id DESC`,
    );
    const budget = sizes.slice(0, 5).reduce((sum, row) => sum + row.size, 0);
    expect(await pruneRejectedDeliveries(new Date(), budget)).toBe(7);
    const left = await db().delivery.findMany({ where: { outcome: 'rejected' }, select: { id: true } });
    expect(left.map((row) => row.id).sort()).toEqual(
      sizes
        .slice(0, 5)
        .map((row) => row.id)
        .sort(),
    );
    expect(await db().delivery.count({ where: { outcome: 'accepted' } })).toBe(1);
  });
});
