import { db } from '@/lib/db';
import type { ErrorCode, ErrorParams } from '@/lib/errors';
import type { StatementImportState } from '@/lib/generated/prisma/enums';
import { afterCursor, decodeCursor, pageOf, PAGE_SIZE } from '@/lib/pagination';
import type { StatementProblem } from '@/lib/statements/types';
import { isUuid } from '@/lib/uuid';

/** An account a statement can be imported for: its label and only the end of its number. */
export interface StatementAccount {
  id: string;
  label: string | null;
  bankType: string | null;
  maskedNumber: string;
}

/** "•••• 2233": enough to tell accounts apart on a shared screen. */
export function maskAccountNumber(accountNumber: string): string {
  const digits = accountNumber.replace(/\s/g, '');
  return digits.length <= 4 ? digits : `•••• ${digits.slice(-4)}`;
}

export async function statementAccounts(): Promise<StatementAccount[]> {
  const accounts = await db().account.findMany({ orderBy: [{ label: 'asc' }, { accountNumber: 'asc' }] });
  return accounts.map((a) => ({ id: a.id, label: a.label, bankType: a.bankType, maskedNumber: maskAccountNumber(a.accountNumber) }));
}

/** Where a background import is, for the progress bar and the summary. */
export interface StatementImportProgress {
  id: string;
  state: StatementImportState;
  rowsTotal: number;
  rowsDone: number;
  mutationsNew: number;
  seen: number;
  alreadyImported: number;
  possibleDuplicates: number;
  problems: number;
  error: { code: ErrorCode; params: ErrorParams } | null;
}

export interface StatementImportRow extends StatementImportProgress {
  fileName: string;
  format: string | null;
  account: { label: string | null; maskedNumber: string };
  createdAt: string;
  createdBy: string;
}

const problemsOf = (json: unknown): StatementProblem[] => (Array.isArray(json) ? (json as StatementProblem[]) : []);

type ImportRecord = {
  id: string;
  state: StatementImportState;
  rowsTotal: number;
  rowsDone: number;
  mutationsNew: number;
  seen: number;
  alreadyImported: number;
  possibleDuplicates: number;
  problems: unknown;
  errorCode: string | null;
  errorParams: unknown;
};

function progressOf(row: ImportRecord): StatementImportProgress {
  return {
    id: row.id,
    state: row.state,
    rowsTotal: row.rowsTotal,
    rowsDone: row.rowsDone,
    mutationsNew: row.mutationsNew,
    seen: row.seen,
    alreadyImported: row.alreadyImported,
    possibleDuplicates: row.possibleDuplicates,
    problems: problemsOf(row.problems).length,
    error: row.errorCode ? { code: row.errorCode as ErrorCode, params: (row.errorParams ?? {}) as ErrorParams } : null,
  };
}

// The file itself can be megabytes: never read it for a list or a progress poll.
const SUMMARY = {
  id: true,
  state: true,
  rowsTotal: true,
  rowsDone: true,
  mutationsNew: true,
  seen: true,
  alreadyImported: true,
  possibleDuplicates: true,
  problems: true,
  errorCode: true,
  errorParams: true,
  fileName: true,
  format: true,
  createdAt: true,
  createdBy: true,
  account: { select: { label: true, accountNumber: true } },
} as const;

function rowOf(
  row: ImportRecord & {
    fileName: string;
    format: string | null;
    createdAt: Date;
    createdBy: string;
    account: { label: string | null; accountNumber: string };
  },
) {
  return {
    ...progressOf(row),
    fileName: row.fileName,
    format: row.format,
    account: { label: row.account.label, maskedNumber: maskAccountNumber(row.account.accountNumber) },
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  };
}

/** Past imports, newest first, one page at a time. */
export async function listStatementImports(cursor: string | null | undefined, limit = PAGE_SIZE) {
  const after = decodeCursor(cursor);
  const rows = await db().statementImport.findMany({
    where: afterCursor('createdAt', after),
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: SUMMARY,
  });
  const page = pageOf(rows, limit, (row) => ({ at: row.createdAt, id: row.id }));
  return { items: page.rows.map(rowOf), nextCursor: page.nextCursor };
}

export async function statementImportProgress(id: string): Promise<StatementImportProgress | null> {
  if (!isUuid(id)) return null;
  const row = await db().statementImport.findUnique({ where: { id }, select: SUMMARY });
  return row && progressOf(row);
}

export interface DuplicateMutation {
  id: string;
  occurredAt: string;
  type: 'CR' | 'DB';
  amount: string;
  description: string;
}

export interface StatementDuplicateRow {
  id: string;
  line: number;
  occurredAt: string;
  type: 'CR' | 'DB';
  amount: string;
  description: string;
  decision: 'pending' | 'same' | 'different';
  mutationId: string | null;
  decidedBy: string | null;
  candidates: DuplicateMutation[];
}

export interface StatementImportDetail extends StatementImportRow {
  problemRows: StatementProblem[];
  skippedRows: StatementProblem[];
  duplicates: StatementDuplicateRow[];
}

/** One import with its problems and its possible duplicates beside their candidate mutations. */
export async function getStatementImport(id: string): Promise<StatementImportDetail | null> {
  if (!isUuid(id)) return null;
  const row = await db().statementImport.findUnique({
    where: { id },
    select: { ...SUMMARY, skipped: true, duplicates: { orderBy: { line: 'asc' } } },
  });
  if (!row) return null;
  const candidateIds = [...new Set(row.duplicates.flatMap((d) => d.candidateIds))];
  const mutations = await db().mutation.findMany({
    where: { id: { in: candidateIds } },
    select: { id: true, occurredAt: true, type: true, amount: true, description: true },
  });
  const byId = new Map(mutations.map((m) => [m.id, { ...m, occurredAt: m.occurredAt.toISOString(), amount: String(m.amount) }]));
  return {
    ...rowOf(row),
    problemRows: problemsOf(row.problems),
    skippedRows: problemsOf(row.skipped),
    duplicates: row.duplicates.map((d) => ({
      id: d.id,
      line: d.line,
      occurredAt: d.occurredAt.toISOString(),
      type: d.type,
      amount: String(d.amount),
      description: d.description,
      decision: d.decision as StatementDuplicateRow['decision'],
      mutationId: d.mutationId,
      decidedBy: d.decidedBy,
      candidates: d.candidateIds.flatMap((candidate) => byId.get(candidate) ?? []),
    })),
  };
}
