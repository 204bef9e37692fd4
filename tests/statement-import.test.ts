import { beforeEach, describe, expect, test } from 'vitest';
import { db } from '@/lib/db';
import { decideDuplicate, previewStatement, queueStatementImport, runStatementImport } from '@/lib/statements/import';
import { resetDatabase } from '@/tests/support/database';
import { receiveTransfers } from '@/tests/support/mutations';

const STATEMENT = [
  "No. rekening,=,'8730112233",
  'Nama,=,TOKO MAJU',
  'Periode,=,01/11/2026 - 30/11/2026',
  'Kode Mata Uang,=,Rp',
  '',
  'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
  "'28/11,'TRSF E-BANKING CR 2811/FTSCY/WS95051 150123.00 BUDI SANTOSO,'0000,150123.00,CR,1150123.00",
  `'28/11,'SWITCHING CR TRANSFER DR 014 SITI AMINAH,'0998,"75,000.00",CR,"1,225,123.00"`,
  "'27/11,'TRSF E-BANKING CR 2711/FTSCY/WS95051 99000.00 ANI LESTARI,'0000,99000.00,CR,1075123.00",
  `'28/11,'BIAYA ADM,'0000,"15,000.00",DB,"1,210,123.00"`,
  "'29/11,'KARTU DEBIT INDOMARET,'0000,12O.000,DB,1210123.00",
  "PEND,'TRSF E-BANKING CR 3011/FTSCY/WS95051 50000.00 RUDI,'0000,50000.00,CR,",
].join('\r\n');

let accountId: string;
let webhookTwin: string;
let unlikeTwin: string;

beforeEach(async () => {
  await resetDatabase();
  const ids = await receiveTransfers(
    { amount: 150_123, description: 'TRSF E-BANKING CR 2811/FTSCY/WS95051 BUDI SANTOSO' },
    { amount: 75_000, description: 'SETORAN TUNAI CABANG' },
  );
  [webhookTwin, unlikeTwin] = [ids[0]!, ids[1]!];
  accountId = (await db().account.findUniqueOrThrow({ where: { mootaBankId: 'bnk_test' } })).id;
});

const upload = () => ({ accountId, fileName: 'klikbca-nov.csv', content: STATEMENT });

async function importOnce() {
  const importId = await queueStatementImport(upload(), 'finance@toko.test');
  await runStatementImport(importId);
  return db().statementImport.findUniqueOrThrow({ where: { id: importId } });
}

describe('bank statement import', () => {
  test('the preview says what each row would become, and stores nothing', async () => {
    const preview = await previewStatement(upload());
    expect(preview).toMatchObject({ format: 'klikbca', accountNumber: '8730112233', otherAccount: false });
    expect(preview.counts).toEqual({ rows: 4, seen: 1, possible: 1, new: 2, imported: 0, problems: 1, skipped: 1 });
    expect(preview.rows.map((r) => [r.line, r.verdict])).toEqual([
      [7, 'seen'],
      [8, 'possible'],
      [9, 'new'],
      [10, 'new'],
    ]);
    expect(preview.problems).toEqual([expect.objectContaining({ line: 11, code: 'statementAmountUnreadable' })]);
    expect(await db().mutation.count()).toBe(2);
  });

  test('new rows come in through the intake as statement mutations; a Moota twin is only marked as seen on the statement', async () => {
    const done = await importOnce();
    expect(done).toMatchObject({ state: 'done', rowsTotal: 4, rowsDone: 4, mutationsNew: 2, seen: 1, possibleDuplicates: 1, alreadyImported: 0 });
    expect(done.problems).toEqual([expect.objectContaining({ line: 11 })]);

    const fromStatement = await db().mutation.findMany({ where: { origin: 'statement' }, orderBy: { amount: 'asc' } });
    expect(fromStatement.map((m) => [m.type, m.amount, m.webhookSeenAt, m.bankId])).toEqual([
      ['DB', 15_000n, null, 'bnk_test'],
      ['CR', 99_000n, null, 'bnk_test'],
    ]);
    expect(fromStatement.every((m) => m.statementSeenAt !== null && m.mootaId.startsWith('stmt-'))).toBe(true);
    expect(await db().mutation.findUniqueOrThrow({ where: { id: webhookTwin } })).toMatchObject({
      origin: 'webhook',
      statementSeenAt: expect.any(Date),
    });
    expect(await db().mutation.findUniqueOrThrow({ where: { id: unlikeTwin } })).toMatchObject({ statementSeenAt: null });
    const jobs = await db().$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'process-mutation'`);
    expect(Number(jobs[0]!.n)).toBeGreaterThanOrEqual(2);
  });

  test('importing the same file again adds nothing', async () => {
    await importOnce();
    const [mutations, duplicates, deliveries] = await Promise.all([db().mutation.count(), db().statementDuplicate.count(), db().delivery.count()]);
    const again = await importOnce();
    expect(again).toMatchObject({ state: 'done', mutationsNew: 0, alreadyImported: 2, seen: 1, possibleDuplicates: 1 });
    expect(await db().mutation.count()).toBe(mutations);
    expect(await db().statementDuplicate.count()).toBe(duplicates);
    expect(await db().delivery.count()).toBe(deliveries);
  });

  test('a person decides a possible duplicate: the same transfer, or a different one imported as new', async () => {
    await importOnce();
    const [duplicate] = await db().statementDuplicate.findMany();
    expect(duplicate).toMatchObject({ amount: 75_000n, candidateIds: [unlikeTwin], decision: 'pending' });
    await expect(decideDuplicate(duplicate!.id, { same: webhookTwin }, 'finance@toko.test')).rejects.toMatchObject({
      code: 'statementRowNotACandidate',
    });

    await decideDuplicate(duplicate!.id, 'different', 'finance@toko.test');
    const imported = await db().mutation.findUniqueOrThrow({ where: { mootaId: duplicate!.statementId } });
    expect(imported).toMatchObject({ origin: 'statement', amount: 75_000n, type: 'CR' });
    await expect(decideDuplicate(duplicate!.id, 'different', 'finance@toko.test')).rejects.toMatchObject({ code: 'statementRowDecided' });
    // Imported again, the row is now known by its id.
    expect(await importOnce()).toMatchObject({ alreadyImported: 3, possibleDuplicates: 0, mutationsNew: 0 });
  });

  test('the same transfer: the known mutation is marked as seen on the statement', async () => {
    await importOnce();
    const [duplicate] = await db().statementDuplicate.findMany();
    await decideDuplicate(duplicate!.id, { same: unlikeTwin }, 'finance@toko.test');
    expect(await db().mutation.findUniqueOrThrow({ where: { id: unlikeTwin } })).toMatchObject({ statementSeenAt: expect.any(Date) });
    expect(await db().statementDuplicate.findUniqueOrThrow({ where: { id: duplicate!.id } })).toMatchObject({
      decision: 'same',
      mutationId: unlikeTwin,
    });
  });

  test('an unreadable file is refused before anything is kept', async () => {
    await expect(queueStatementImport({ ...upload(), content: '' }, 'finance@toko.test')).rejects.toMatchObject({ code: 'statementEmpty' });
    expect(await db().statementImport.count()).toBe(0);
  });
});
