import { beforeEach, describe, expect, test, vi } from 'vitest';
import type { SafeUser } from '@/lib/auth/users';

const session = vi.hoisted(() => ({ user: null as SafeUser | null }));
// The actions' and the route's only tie to Auth.js; the real apiUser is covered by the auth tests.
vi.mock('@/lib/next/session', () => ({
  currentUser: async () => session.user,
  apiUser: async () => session.user ?? Response.json({ error: { code: 'unauthorized' } }, { status: 401 }),
}));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => ({ value: 'en' }) }) }));

const { decideDuplicateAction, importStatementAction, previewStatementAction } = await import('@/app/(dashboard)/statements/actions');
const { GET: progressRoute } = await import('@/app/api/dashboard/statements/[id]/route');
const { createUser } = await import('@/lib/auth/users');
const { db } = await import('@/lib/db');
const { getStatementImport, listStatementImports } = await import('@/lib/queries/statements');
const { runStatementImport } = await import('@/lib/statements/import');
const { resetDatabase } = await import('@/tests/support/database');
const { receiveTransfers } = await import('@/tests/support/mutations');

const KLIKBCA = [
  "No. rekening,=,'8730112233",
  'Periode,=,01/11/2026 - 30/11/2026',
  '',
  'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo',
  "'28/11,'TRSF E-BANKING CR 2811/FTSCY/WS95051 150123.00 BUDI SANTOSO,'0000,150123.00,CR,1150123.00",
  `'28/11,'SWITCHING CR TRANSFER DR 014 SITI AMINAH,'0998,"75,000.00",CR,"1,225,123.00"`,
  "'29/11,'KARTU DEBIT INDOMARET,'0000,12O.000,DB,1210123.00",
  "PEND,'TRSF E-BANKING CR 3011/FTSCY/WS95051 50000.00 RUDI,'0000,50000.00,CR,",
].join('\r\n');

const GENERIC = ['Tgl;Uraian;Nilai', '28/11/2026;TRANSFER MASUK ANI;99000', '28/11/2026;BIAYA;-6500'].join('\n');

let accountId: string;
let unlikeTwin: string;

const signIn = async (role: SafeUser['role']) => {
  session.user = await createUser({ email: `${role}-${Date.now()}@toko.test`, role, password: 'long-enough-password' });
};

beforeEach(async () => {
  await resetDatabase();
  session.user = null;
  const ids = await receiveTransfers(
    { amount: 150_123, description: 'TRSF E-BANKING CR 2811/FTSCY/WS95051 BUDI SANTOSO' },
    { amount: 75_000, description: 'SETORAN TUNAI CABANG' },
  );
  unlikeTwin = ids[1]!;
  accountId = (await db().account.findUniqueOrThrow({ where: { mootaBankId: 'bnk_test' } })).id;
});

const upload = (content = KLIKBCA) => ({ accountId, fileName: 'klikbca-nov.csv', content });
const progressOf = async (id: string) =>
  progressRoute(new Request(`http://localhost/api/dashboard/statements/${id}`), { params: Promise.resolve({ id }) });

describe('statement import actions', () => {
  test('a viewer may neither preview nor import', async () => {
    await signIn('viewer');
    expect(await previewStatementAction(upload())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await importStatementAction(upload())).toMatchObject({ ok: false, code: 'forbidden' });
    expect(await db().statementImport.count()).toBe(0);
  });

  test('the preview of a known format, with its unreadable row and its PEND row', async () => {
    await signIn('finance');
    const answer = await previewStatementAction(upload());
    expect(answer).toMatchObject({ ok: true, data: { kind: 'preview', preview: { format: 'klikbca', otherAccount: false } } });
    if (!answer.ok || answer.data.kind !== 'preview') throw new Error('no preview');
    expect(answer.data.preview.counts).toMatchObject({ rows: 2, seen: 1, possible: 1, problems: 1, skipped: 1 });
    expect(answer.data.preview.problems[0]).toMatchObject({ line: 7, code: 'statementAmountUnreadable', params: { value: '12O.000' } });
  });

  test('a format no bank uses answers with its first lines for the column screen, then previews through the mapping', async () => {
    await signIn('finance');
    const first = await previewStatementAction(upload(GENERIC));
    expect(first).toEqual({
      ok: true,
      data: {
        kind: 'mapping',
        lines: [
          { line: 1, cells: ['Tgl', 'Uraian', 'Nilai'] },
          { line: 2, cells: ['28/11/2026', 'TRANSFER MASUK ANI', '99000'] },
          { line: 3, cells: ['28/11/2026', 'BIAYA', '-6500'] },
        ],
      },
    });
    const mapping = { date: 0, description: [1], amount: 2, dateFormat: 'DD/MM/YYYY' as const, headerRows: 1 };
    const mapped = await previewStatementAction({ ...upload(GENERIC), mapping });
    expect(mapped).toMatchObject({ ok: true, data: { kind: 'preview', preview: { format: 'mapped', counts: { rows: 2, new: 2 } } } });
    // A mapping that cannot be right is said in words, not answered with the columns again.
    expect(await previewStatementAction({ ...upload(GENERIC), mapping: { ...mapping, amount: 7 } })).toMatchObject({
      ok: false,
      message: 'Column amount (7) is not in this file; it has 3 columns.',
    });
  });

  test('an import is queued, followed through the progress route, and listed', async () => {
    await signIn('finance');
    const queued = await importStatementAction(upload());
    if (!queued.ok) throw new Error(queued.message);
    expect(await (await progressOf(queued.data.importId)).json()).toMatchObject({ state: 'queued', rowsDone: 0, rowsTotal: 2 });
    await runStatementImport(queued.data.importId);
    expect(await (await progressOf(queued.data.importId)).json()).toEqual({
      id: queued.data.importId,
      state: 'done',
      rowsTotal: 2,
      rowsDone: 2,
      mutationsNew: 0,
      seen: 1,
      alreadyImported: 0,
      possibleDuplicates: 1,
      problems: 1,
      error: null,
    });
    expect((await progressOf('not-an-id')).status).toBe(404);
    const list = await listStatementImports(null);
    expect(list.items).toEqual([
      expect.objectContaining({ fileName: 'klikbca-nov.csv', createdBy: session.user!.email, account: { label: null, maskedNumber: '•••• 2233' } }),
    ]);
  });

  test('the progress route needs a signed-in person', async () => {
    expect((await progressOf('0190f5a0-0000-7000-8000-000000000000')).status).toBe(401);
  });

  test('a possible duplicate is decided from the import page: the same transfer, then it cannot be decided again', async () => {
    await signIn('finance');
    const queued = await importStatementAction(upload());
    if (!queued.ok) throw new Error(queued.message);
    await runStatementImport(queued.data.importId);
    const detail = (await getStatementImport(queued.data.importId))!;
    expect(detail.duplicates).toEqual([
      expect.objectContaining({
        line: 6,
        amount: '75000',
        decision: 'pending',
        candidates: [expect.objectContaining({ id: unlikeTwin, amount: '75000' })],
      }),
    ]);
    expect(detail.problemRows).toEqual([expect.objectContaining({ line: 7 })]);
    expect(detail.skippedRows).toEqual([expect.objectContaining({ line: 8, code: 'statementRowPending' })]);

    const duplicateId = detail.duplicates[0]!.id;
    expect(await decideDuplicateAction({ duplicateId, importId: detail.id, same: unlikeTwin })).toEqual({ ok: true, data: { decision: 'same' } });
    expect(await decideDuplicateAction({ duplicateId, importId: detail.id, same: null })).toMatchObject({ ok: false, code: 'conflict' });
    expect((await getStatementImport(detail.id))!.duplicates[0]).toMatchObject({
      decision: 'same',
      mutationId: unlikeTwin,
      decidedBy: session.user!.email,
    });
  });
});
