import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { createOrder } from '@/lib/orders/create-order';
import { accountOptions } from '@/lib/queries/accounts';
import { countMutations, getMutationDetail, listMutations, mutationFilterParams } from '@/lib/queries/mutations';
import { parseSearchParams } from '@/lib/search-params';
import { markNotAnOrder } from '@/lib/reconcile/mark-not-an-order';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const occurredAt = (id: string, iso: string) => db().mutation.update({ where: { id }, data: { occurredAt: new Date(iso) } });

let ids: Record<string, string> = {};

beforeEach(async () => {
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
  const [budi, siti, fee, other] = await receiveTransfers(
    { amount: 150_123, description: 'TRSF E-BANKING CR BUDI SANTOSO', accountNumber: '8730112233' },
    { amount: 75_456, description: 'TRSF E-BANKING CR', note: 'Siti, titipan', accountNumber: '8730112233' },
    { amount: 6_500, type: 'DB', description: 'BIAYA ADM', accountNumber: '8730112233' },
    { amount: 2_000_000, description: 'SETORAN TUNAI', accountNumber: '1400098765' },
  );
  ids = { budi: budi!, siti: siti!, fee: fee!, other: other! };
  await occurredAt(ids.budi!, '2026-11-27T16:59:59.999Z'); // 27 Nov 23:59 Jakarta
  await occurredAt(ids.siti!, '2026-11-27T17:00:00.000Z'); // 28 Nov 00:00 Jakarta
  await occurredAt(ids.fee!, '2026-11-28T05:00:00.000Z');
  await occurredAt(ids.other!, '2026-11-29T05:00:00.000Z');
});

describe('listMutations filters', () => {
  test.each<[string, Record<string, string>, string[]]>([
    ['no filters, newest first', {}, ['other', 'fee', 'siti', 'budi']],
    ['by account (its Moota bank id)', { account: 'bnk_1400098765' }, ['other']],
    ['an account nobody has', { account: '1400098765' }, []],
    ['only what the webhook missed: nothing here', { gap: '1' }, []],
    ['by origin', { origin: 'webhook', type: 'DB' }, ['fee']],
    ['credits', { type: 'CR' }, ['other', 'siti', 'budi']],
    ['debits', { type: 'DB' }, ['fee']],
    ['a Jakarta day', { from: '2026-11-28', to: '2026-11-28' }, ['fee', 'siti']],
    ['until a Jakarta day', { to: '2026-11-27' }, ['budi']],
    ['amount at least', { min: '100.000' }, ['other', 'budi']],
    ['amount at most', { max: '75456' }, ['fee', 'siti']],
    ['description text, any case', { q: 'budi santoso' }, ['budi']],
    ['note text', { q: 'titipan' }, ['siti']],
    ['account and type together', { account: 'bnk_8730112233', type: 'CR' }, ['siti', 'budi']],
  ])('%s', async (_label, params, expected) => {
    const byId = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
    const filters = parseSearchParams(mutationFilterParams, params);
    const page = await listMutations(filters);
    expect(page.rows.map((row) => byId[row.id])).toEqual(expected);
    expect(await countMutations(filters)).toEqual({ count: expected.length, more: false });
  });
});

describe('listMutations pages', () => {
  test('keyset pages cover every mutation once when many share a time', async () => {
    const more = await receiveTransfers(...Array.from({ length: 9 }, (_, i) => ({ amount: 1000 + i })));
    await db().mutation.updateMany({ where: { id: { in: more.slice(0, 6) } }, data: { occurredAt: new Date('2026-11-28T05:00:00.000Z') } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listMutations>> = await listMutations({}, cursor, 4);
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(13);
    expect(new Set(seen).size).toBe(13);
    expect(seen).toEqual((await listMutations({}, null, 100)).rows.map((row) => row.id));
  });
});

describe('accountOptions', () => {
  test('every account once, named by its masked number, valued by its Moota bank id', async () => {
    expect(await accountOptions()).toEqual([
      { value: 'bnk_1400098765', name: '••8765', sandbox: false },
      { value: 'bnk_8730112233', name: '••2233', sandbox: false },
    ]);
  });
});

describe('getMutationDetail', () => {
  test('shows the raw payload, payments, history and the ignored note', async () => {
    const o = (await createOrder({ reference: 'INV-9001', amount: 50_000 }, 'api', 'test')).order;
    const [paid] = await receiveTransfers({ amount: o.payableAmount, description: 'PEMBAYARAN INV-9001' });
    await processMutations([paid!]);
    const detail = await getMutationDetail(paid!);
    expect(detail).toMatchObject({ matchState: 'matched', payments: [{ order: { reference: 'INV-9001' }, undoneAt: null }] });
    expect(detail!.raw).toMatchObject({ description: 'PEMBAYARAN INV-9001' });
    expect(detail!.history.map((entry) => entry.action)).toContain('matched_automatically');

    await processMutations([ids.other!]);
    await markNotAnOrder({ mutationId: ids.other!, actor: 'finance@test', note: 'cash deposit by the owner' });
    expect(await getMutationDetail(ids.other!)).toMatchObject({ matchState: 'ignored', ignoredNote: 'cash deposit by the owner' });
  });

  test.each([
    ['an unknown id', '019ac0de-0000-7000-8000-000000000001'],
    ['a malformed id', "1' OR '1'='1"],
  ])('%s is null', async (_label, id) => {
    expect(await getMutationDetail(id)).toBeNull();
  });
});
