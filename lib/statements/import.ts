import { db, inTransaction, poolExecutor } from '@/lib/db';
import { DomainError } from '@/lib/errors';
import type { Account, Prisma } from '@/lib/generated/prisma/client';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { enqueueStatementImport } from '@/lib/jobs/queue';
import type { MootaMutation } from '@/lib/moota/payload';
import { compareRows, type KnownMutation, type RowVerdict } from '@/lib/statements/compare';
import { statementMutationIds } from '@/lib/statements/identity';
import { parseStatement } from '@/lib/statements/parse';
import type { ColumnMapping, ParsedStatement, StatementFormat, StatementProblem, StatementRow } from '@/lib/statements/types';
import { addDays, jakartaDay, startOfJakartaDay } from '@/lib/time/jakarta';

/** The largest statement file taken, in characters (a year of a busy account is a few MB). */
export const MAX_STATEMENT_CHARS = 20 * 1024 * 1024;
/** Rows stored per statement (one round trip each). */
const ROWS_PER_CHUNK = 500;
export const PREVIEW_ROWS = 100;

export interface ReadOptions {
  format?: StatementFormat;
  mapping?: ColumnMapping;
  year?: number;
}

export interface StatementUpload extends ReadOptions {
  accountId: string;
  fileName: string;
  content: string;
}

export interface PreviewRow {
  line: number;
  bookedDate: string;
  type: 'CR' | 'DB';
  /** Integer rupiah as a decimal string. */
  amount: string;
  description: string;
  verdict: RowVerdict['kind'];
}

export interface StatementPreview {
  format: StatementFormat;
  accountNumber: string | null;
  /** The file names another account number than the one chosen. */
  otherAccount: boolean;
  period: { from: string; to: string } | null;
  counts: Record<RowVerdict['kind'], number> & { rows: number; problems: number; skipped: number };
  rows: PreviewRow[];
  problems: StatementProblem[];
  skipped: StatementProblem[];
}

interface Compared {
  account: Account;
  parsed: ParsedStatement;
  ids: string[];
  verdicts: RowVerdict[];
}

async function accountOf(accountId: string): Promise<Account> {
  const account = await db().account.findUnique({ where: { id: accountId } });
  if (!account) throw new DomainError('not_found', 'accountNotFound');
  return account;
}

function read(content: string, options: ReadOptions): ParsedStatement {
  if (content.length > MAX_STATEMENT_CHARS) throw new DomainError('invalid', 'statementTooLarge', { megabytes: MAX_STATEMENT_CHARS / 1024 / 1024 });
  return parseStatement(content, options);
}

/** The account's mutations on the statement's days, oldest first, as the comparison needs them. */
async function knownMutations(account: Account, rows: readonly StatementRow[]): Promise<KnownMutation[]> {
  if (rows.length === 0) return [];
  const days = rows.map((row) => row.bookedDate).sort();
  const { rows: known } = (await poolExecutor().executeSql(
    `SELECT id, moota_id, to_char(occurred_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM-DD') AS day, type, amount::text, description
       FROM mutations WHERE bank_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY occurred_at, id`,
    [account.mootaBankId, startOfJakartaDay(days[0]!), startOfJakartaDay(addDays(days.at(-1)!, 1))],
  )) as { rows: { id: string; moota_id: string; day: string; type: 'CR' | 'DB'; amount: string; description: string }[] };
  return known.map((m) => ({ id: m.id, mootaId: m.moota_id, day: m.day, type: m.type, amount: BigInt(m.amount), description: m.description }));
}

async function compare(accountId: string, content: string, options: ReadOptions): Promise<Compared> {
  const account = await accountOf(accountId);
  const parsed = read(content, options);
  const ids = statementMutationIds(account.mootaBankId, parsed.rows);
  const verdicts = compareRows(parsed.rows, ids, await knownMutations(account, parsed.rows));
  return { account, parsed, ids, verdicts };
}

const digits = (text: string | null) => (text ?? '').replace(/\D/g, '');

/** What importing the file would do, row by row, without storing anything. */
export async function previewStatement(upload: StatementUpload): Promise<StatementPreview> {
  const { account, parsed, verdicts } = await compare(upload.accountId, upload.content, upload);
  const counts = {
    rows: parsed.rows.length,
    problems: parsed.problems.length,
    skipped: parsed.skipped.length,
    imported: 0,
    seen: 0,
    possible: 0,
    new: 0,
  };
  for (const verdict of verdicts) counts[verdict.kind] += 1;
  const fileNumber = digits(parsed.accountNumber);
  return {
    format: parsed.format,
    accountNumber: parsed.accountNumber,
    otherAccount: fileNumber !== '' && !digits(account.accountNumber).endsWith(fileNumber) && !fileNumber.endsWith(digits(account.accountNumber)),
    period: parsed.period,
    counts,
    rows: parsed.rows.slice(0, PREVIEW_ROWS).map((row, index) => ({
      line: row.line,
      bookedDate: row.bookedDate,
      type: row.type,
      amount: String(row.amount),
      description: row.description,
      verdict: verdicts[index]!.kind,
    })),
    problems: parsed.problems,
    skipped: parsed.skipped,
  };
}

/** Keeps the file and imports it in the background; returns the import's id to follow its progress. */
export async function queueStatementImport(upload: StatementUpload, actor: string): Promise<string> {
  await accountOf(upload.accountId);
  const parsed = read(upload.content, upload);
  const options: ReadOptions = { format: upload.format, mapping: upload.mapping, year: upload.year };
  return inTransaction(async (tx) => {
    const { id } = await tx.statementImport.create({
      data: {
        accountId: upload.accountId,
        fileName: upload.fileName,
        content: upload.content,
        options: options as Prisma.InputJsonValue,
        format: parsed.format,
        rowsTotal: parsed.rows.length,
        createdBy: actor,
      },
      select: { id: true },
    });
    await enqueueStatementImport(tx, id);
    return id;
  });
}

function asMutation(account: Account, row: StatementRow, id: string): MootaMutation {
  return {
    mootaId: id,
    bankId: account.mootaBankId,
    bankType: account.bankType,
    bankLabel: account.label,
    accountNumber: account.accountNumber,
    accountHolder: account.holder,
    type: row.type,
    amount: row.amount,
    balance: row.balance,
    description: row.description,
    note: null,
    occurredAt: row.occurredAt,
    paymentOrderId: null,
    taggings: [],
  };
}

/** The row as the delivery's body keeps it, findable by its mutation_id like a Moota item. */
const asItem = (row: StatementRow, id: string) => ({
  mutation_id: id,
  line: row.line,
  date: row.bookedDate,
  type: row.type,
  amount: String(row.amount),
  balance: row.balance === null ? null : String(row.balance),
  description: row.description,
});

async function storeNewRows(importId: string, account: Account, fileName: string, rows: { row: StatementRow; id: string }[]) {
  const body = JSON.stringify(rows.map(({ row, id }) => asItem(row, id)));
  return storeAcceptedDelivery(
    { receivedAt: new Date(), sourceAddress: `statement ${fileName}`.slice(0, 200), headers: {}, bodyBytes: Buffer.byteLength(body) },
    body,
    rows.map(({ row, id }) => asMutation(account, row, id)),
    0,
    { source: 'statement', statementImportId: importId },
  );
}

/**
 * The background import: each chunk of rows in one go — new rows through the intake (origin
 * `statement`, matched like any mutation), rows that are a known mutation recorded as seen on the
 * statement, possible duplicates kept for a person. Running it again changes nothing.
 */
export async function runStatementImport(importId: string): Promise<void> {
  const job = await db().statementImport.findUniqueOrThrow({ where: { id: importId } });
  await db().statementImport.update({ where: { id: importId }, data: { state: 'running', updatedAt: new Date() } });
  try {
    const { account, parsed, ids, verdicts } = await compare(job.accountId, job.content, job.options as ReadOptions);
    const totals = { rowsDone: 0, mutationsNew: 0, seen: 0, alreadyImported: 0, possibleDuplicates: 0 };
    for (let start = 0; start < parsed.rows.length; start += ROWS_PER_CHUNK) {
      const chunk = parsed.rows
        .slice(start, start + ROWS_PER_CHUNK)
        .map((row, offset) => ({ row, id: ids[start + offset]!, verdict: verdicts[start + offset]! }));
      const fresh = chunk.filter((c) => c.verdict.kind === 'new');
      if (fresh.length > 0) totals.mutationsNew += (await storeNewRows(importId, account, job.fileName, fresh)).accepted;
      const seenIds = chunk.flatMap((c) => (c.verdict.kind === 'seen' ? [c.verdict.mutationId] : []));
      await inTransaction(async (tx) => {
        if (seenIds.length > 0) {
          await tx.mutation.updateMany({ where: { id: { in: seenIds }, statementSeenAt: null }, data: { statementSeenAt: new Date() } });
        }
        const possible = chunk.filter((c) => c.verdict.kind === 'possible');
        if (possible.length > 0) {
          await tx.statementDuplicate.createMany({
            data: possible.map(({ row, id, verdict }) => ({
              importId,
              statementId: id,
              line: row.line,
              occurredAt: row.occurredAt,
              type: row.type,
              amount: row.amount,
              balance: row.balance,
              description: row.description,
              candidateIds: verdict.kind === 'possible' ? verdict.candidateIds : [],
            })),
            skipDuplicates: true,
          });
        }
        totals.rowsDone += chunk.length;
        totals.seen += seenIds.length;
        totals.alreadyImported += chunk.filter((c) => c.verdict.kind === 'imported').length;
        totals.possibleDuplicates += possible.length;
        await tx.statementImport.update({ where: { id: importId }, data: { ...totals, updatedAt: new Date() } });
      });
    }
    await db().statementImport.update({
      where: { id: importId },
      data: {
        ...totals,
        state: 'done',
        problems: parsed.problems as unknown as Prisma.InputJsonValue,
        skipped: parsed.skipped as unknown as Prisma.InputJsonValue,
        finishedAt: new Date(),
        updatedAt: new Date(),
      },
    });
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await markStatementImportFailed(importId, error.message, error);
  }
}

export async function markStatementImportFailed(importId: string, message: string, error?: DomainError): Promise<void> {
  await db().statementImport.update({
    where: { id: importId },
    data: {
      state: 'failed',
      error: message,
      errorCode: error?.code ?? 'statementImportFailed',
      errorParams: (error?.params ?? { details: message }) as Prisma.InputJsonValue,
      finishedAt: new Date(),
      updatedAt: new Date(),
    },
  });
}

/**
 * A person decides a possible duplicate: `same` links the row to one of its candidates (seen on the
 * statement), `different` imports it as a new mutation.
 */
export async function decideDuplicate(duplicateId: string, decision: { same: string } | 'different', actor: string): Promise<void> {
  const duplicate = await db().statementDuplicate.findUnique({
    where: { id: duplicateId },
    include: { statementImport: { include: { account: true } } },
  });
  if (!duplicate) throw new DomainError('not_found', 'statementRowNotFound');
  if (duplicate.decision !== 'pending') throw new DomainError('conflict', 'statementRowDecided');
  if (decision === 'different') {
    const { account, fileName } = duplicate.statementImport;
    const row: StatementRow = {
      line: duplicate.line,
      occurredAt: duplicate.occurredAt,
      bookedDate: jakartaDay(duplicate.occurredAt),
      type: duplicate.type,
      amount: duplicate.amount,
      balance: duplicate.balance,
      description: duplicate.description,
    };
    await storeNewRows(duplicate.importId, account, fileName, [{ row, id: duplicate.statementId }]);
    const stored = await db().mutation.findUniqueOrThrow({ where: { mootaId: duplicate.statementId }, select: { id: true } });
    await db().statementDuplicate.update({
      where: { id: duplicateId },
      data: { decision: 'different', mutationId: stored.id, decidedBy: actor, decidedAt: new Date() },
    });
    return;
  }
  if (!duplicate.candidateIds.includes(decision.same)) throw new DomainError('invalid', 'statementRowNotACandidate');
  await inTransaction(async (tx) => {
    const claimed = await tx.statementDuplicate.updateMany({
      where: { id: duplicateId, decision: 'pending' },
      data: { decision: 'same', mutationId: decision.same, decidedBy: actor, decidedAt: new Date() },
    });
    if (claimed.count === 0) throw new DomainError('conflict', 'statementRowDecided');
    await tx.mutation.updateMany({ where: { id: decision.same, statementSeenAt: null }, data: { statementSeenAt: new Date() } });
  });
}
