import { beforeEach, describe, expect, test, vi } from 'vitest';
import { db, sqlPool } from '@/lib/db';
import { readCsvRecords } from '@/lib/csv/reader';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { createOrder } from '@/lib/orders/create-order';
import { eachMutation, mutationFilterParams } from '@/lib/queries/mutations';
import { eachMutationBatchForExport, EXPORT_BATCH_SIZE } from '@/lib/queries/mutation-export';
import { parseSearchParams } from '@/lib/search-params';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const signedIn = vi.hoisted(() => ({ user: null as null | { email: string; role: string } }));
// The route's only tie to Auth.js; the real apiUser is covered by the auth tests.
vi.mock('@/lib/next/session', () => ({
  apiUser: async () => signedIn.user ?? Response.json({ error: { code: 'unauthorized' } }, { status: 401 }),
}));

const occurredAt = (id: string, iso: string) => db().mutation.update({ where: { id }, data: { occurredAt: new Date(iso) } });

const exportMutations = async (query = '', locale?: 'id' | 'en') => {
  const { GET } = await import('@/app/api/dashboard/mutations/export/route');
  return GET(
    new Request(`http://localhost/api/dashboard/mutations/export${query}`, { headers: locale ? { cookie: `other=1; cocok-locale=${locale}` } : {} }),
  );
};

/** The file's bytes read back as Excel would: byte order mark, then records split on the separator. */
async function readBack(response: Response, separator: string) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.subarray(3));
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n](?=[^"]*$)/);
  const [header, ...rows] = [...readCsvRecords(text, separator)].map((record) => record.fields);
  return { header: header!, rows, text };
}

let ids: Record<string, string> = {};

beforeEach(async () => {
  signedIn.user = { email: 'viewer@test', role: 'viewer' };
  await resetDatabase();
  await db().setting.deleteMany();
  await saveSettings({ underpaidTolerance: 0, overpaidTolerance: 0 }, 'test');
  const order = (await createOrder({ reference: 'INV-7001', amount: 150_000 }, 'api', 'test')).order;
  const [paid, hostile, fee] = await receiveTransfers(
    { amount: order.payableAmount, description: 'TRSF E-BANKING CR INV-7001 BUDI', note: 'Budi, Jakarta', accountNumber: '8730112233' },
    { amount: 75_456, description: '=HYPERLINK("http://x";"klik")', note: '@SUM(1)', accountNumber: '8730112233' },
    { amount: 6_500, type: 'DB', description: 'BIAYA ADM', accountNumber: '8730112233' },
  );
  ids = { paid: paid!, hostile: hostile!, fee: fee! };
  await processMutations([paid!, hostile!, fee!]);
  await occurredAt(ids.paid!, '2026-11-27T16:59:59.000Z'); // 27 Nov 23:59:59 Jakarta
  await occurredAt(ids.hostile!, '2026-11-27T17:00:00.000Z'); // 28 Nov 00:00:00 Jakarta
  await occurredAt(ids.fee!, '2026-11-28T05:00:00.000Z'); // 28 Nov 12:00:00 Jakarta
});

describe('GET /api/dashboard/mutations/export', () => {
  test('refuses someone not signed in', async () => {
    signedIn.user = null;
    expect((await exportMutations()).status).toBe(401);
  });

  test('in Indonesian: semicolons, Indonesian header and values, cell by cell', async () => {
    const response = await exportMutations('?account=bnk_8730112233');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mutasi-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('x-total-rows')).toBe('3');
    const { header, rows, text } = await readBack(response, ';');
    expect(text.split('\r\n')[0]).toBe(
      'Tanggal bank (WIB);Nomor rekening;Bank;Jenis;Nominal (Rp);Saldo (Rp);Keterangan;Catatan;Keadaan pencocokan;Pesanan;ID mutasi Moota;ID Cocok',
    );
    expect(header).toHaveLength(12);
    const paid = await db().mutation.findUniqueOrThrow({ where: { id: ids.paid! } });
    expect(rows).toEqual([
      ['2026-11-28 12:00:00', '8730112233', expect.any(String), 'Debit', '6500', '0', 'BIAYA ADM', '', 'Debit', '', expect.any(String), ids.fee],
      [
        '2026-11-28 00:00:00',
        '8730112233',
        expect.any(String),
        'Kredit',
        '75456',
        '0',
        `'=HYPERLINK("http://x";"klik")`,
        "'@SUM(1)",
        'Belum cocok',
        '',
        expect.any(String),
        ids.hostile,
      ],
      [
        '2026-11-27 23:59:59',
        '8730112233',
        expect.any(String),
        'Kredit',
        paid.amount.toString(),
        '0',
        'TRSF E-BANKING CR INV-7001 BUDI',
        'Budi, Jakarta',
        'Cocok',
        'INV-7001',
        paid.mootaId,
        ids.paid,
      ],
    ]);
  });

  test('in English: commas, English header and values', async () => {
    const response = await exportMutations('?type=CR', 'en');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="mutations-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.headers.get('x-total-rows')).toBe('2');
    const { header, rows } = await readBack(response, ',');
    expect(header).toEqual([
      'Bank date (Jakarta)',
      'Account number',
      'Bank',
      'Type',
      'Amount (IDR)',
      'Balance (IDR)',
      'Description',
      'Note',
      'Match state',
      'Orders',
      'Moota mutation ID',
      'Cocok ID',
    ]);
    expect(rows.map((row) => [row[0], row[3], row[8], row[9], row[11]])).toEqual([
      ['2026-11-28 00:00:00', 'Credit', 'Unmatched', '', ids.hostile],
      ['2026-11-27 23:59:59', 'Credit', 'Matched', 'INV-7001', ids.paid],
    ]);
  });

  test.each<[string, Record<string, string>]>([
    ['no filters', {}],
    ['an account', { account: 'bnk_8730112233' }],
    ['gaps only', { gap: '1' }],
    ['an origin and a type', { origin: 'webhook', type: 'DB' }],
    ['a Jakarta day', { from: '2026-11-28', to: '2026-11-28' }],
    ['until a Jakarta day', { to: '2026-11-27' }],
    ['an amount range', { min: '6.500', max: '75456' }],
    ['description text, any case', { q: 'hyperlink' }],
    ['note text', { q: 'budi, jakarta' }],
    ['a wildcard, read as the list reads it', { q: '%' }],
  ])('selects what the list selects: %s', async (_label, params) => {
    const filters = parseSearchParams(mutationFilterParams, params);
    const listed: string[] = [];
    for await (const row of eachMutation(filters)) listed.push(row.id);
    const exported: string[] = [];
    for await (const batch of eachMutationBatchForExport(filters)) exported.push(...batch.map((row) => row.id));
    expect(exported).toEqual(listed);
  });

  test('keyset batches cover every mutation once when many share a time', async () => {
    const more = await receiveTransfers(...Array.from({ length: 9 }, (_, i) => ({ amount: 1000 + i })));
    await db().mutation.updateMany({ where: { id: { in: more.slice(0, 6) } }, data: { occurredAt: new Date('2026-11-28T05:00:00.000Z') } });
    const batches: string[][] = [];
    for await (const batch of eachMutationBatchForExport({}, 4)) batches.push(batch.map((row) => row.id));
    expect(batches.map((batch) => batch.length)).toEqual([4, 4, 4]);
    const listed: string[] = [];
    for await (const row of eachMutation({})) listed.push(row.id);
    expect(batches.flat()).toEqual(listed);
  });
});

describe('a large export', () => {
  /** Copies of one mutation under new ids, a minute apart: a big account without a big setup. */
  async function copiesOf(id: string, count: number) {
    const changed: Record<string, string> = {
      id: 'gen_random_uuid()',
      moota_id: "m.moota_id || '-' || g",
      bank_id: "'bnk_big'",
      account_number: "'5550001111'",
      amount: 'm.amount + g',
      description: "m.description || ' ' || g",
      occurred_at: "m.occurred_at - g * interval '1 minute'",
    };
    const columns = (
      await sqlPool().query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'mutations' AND is_generated = 'NEVER'`,
      )
    ).rows.map((row) => row.name);
    await sqlPool().query(
      `INSERT INTO mutations (${columns.map((column) => `"${column}"`).join(', ')})
       SELECT ${columns.map((column) => changed[column] ?? `m."${column}"`).join(', ')}
         FROM mutations m, generate_series(1, $2::int) g WHERE m.id = $1`,
      [id, count],
    );
  }

  test('arrives whole across batches', async () => {
    await copiesOf(ids.fee!, EXPORT_BATCH_SIZE + 7);
    const response = await exportMutations('?account=bnk_big', 'en');
    expect(response.headers.get('x-total-rows')).toBe(String(EXPORT_BATCH_SIZE + 7));
    const { rows } = await readBack(response, ',');
    expect(rows).toHaveLength(EXPORT_BATCH_SIZE + 7);
    expect(new Set(rows.map((row) => row[11])).size).toBe(EXPORT_BATCH_SIZE + 7);
    expect(rows.at(-1)![6]).toBe(`BIAYA ADM ${EXPORT_BATCH_SIZE + 7}`);
  });

  test('a cancelled download stops reading: no further batch, no statement left running', async () => {
    await copiesOf(ids.fee!, EXPORT_BATCH_SIZE * 10);
    const query = vi.spyOn(sqlPool(), 'query');
    const exportStatements = () =>
      query.mock.calls.filter(([config]) => typeof config === 'object' && String((config as { text: string }).text).includes('string_agg')).length;
    const response = await exportMutations('?account=bnk_big');
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    await reader.cancel();
    // The batch being read when the download was cancelled, and the one read ahead of it, at most.
    const afterCancel = exportStatements();
    expect(afterCancel).toBeLessThanOrEqual(3);
    const running = await sqlPool().query(
      `SELECT count(*)::int AS count FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%string_agg(o.reference%' AND pid <> pg_backend_pid()`,
    );
    expect(running.rows[0].count).toBe(0);
    expect(exportStatements()).toBe(afterCancel);
    query.mockRestore();
  });
});

describe('GET /api/dashboard/revenue/export', () => {
  const exportRevenue = async (query: string, locale?: 'id' | 'en') => {
    const { GET } = await import('@/app/api/dashboard/revenue/export/route');
    return GET(new Request(`http://localhost/api/dashboard/revenue/export${query}`, { headers: locale ? { cookie: `cocok-locale=${locale}` } : {} }));
  };

  test.each<[string, 'id' | 'en' | undefined, string, string, string, string]>([
    ['Indonesian by default', undefined, ';', 'pendapatan', 'Awal periode', 'Total'],
    ['English', 'en', ',', 'revenue', 'Period start', 'Total'],
  ])('%s: the separator, header and total line of the reader’s language', async (_label, locale, separator, fileName, firstColumn, total) => {
    signedIn.user = { email: 'owner@test', role: 'owner' };
    const paid = await db().order.findFirstOrThrow({ where: { reference: 'INV-7001' } });
    const response = await exportRevenue('?granularity=month', locale);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      new RegExp(`^attachment; filename="${fileName}-\\d{4}-\\d{2}-\\d{2}-\\d{4}-\\d{2}-\\d{2}-month\\.csv"$`),
    );
    const { header, rows } = await readBack(response, separator);
    expect(header).toHaveLength(9);
    expect(header[0]).toBe(firstColumn);
    // Months named as people read them, in the reader's language.
    expect(rows[0]![1]).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    const totalRow = rows.at(-1)!;
    expect(totalRow.slice(0, 4)).toEqual([total, total, '1', paid.paidAmount.toString()]);
    expect(totalRow[7]).toBe(separator === ';' ? '1,0000' : '1.0000');
  });
});
