import { accountLabel } from '@/lib/accounts/label';
import { db } from '@/lib/db';
import type { ErrorParams } from '@/lib/errors';
import type { SyncRun } from '@/lib/generated/prisma/client';
import type { SyncRunState } from '@/lib/generated/prisma/enums';
import { afterCursor, decodeCursor, pageOf, pageSize } from '@/lib/pagination';
import { pageParams } from '@/lib/search-params';
import type { SyncTrigger } from '@/lib/sync/run-sync';
import { isUuid } from '@/lib/uuid';
import { z } from 'zod';

/** Why a run failed, as stored: translated where it is shown. */
export interface SyncRunError {
  code: string | null;
  params: ErrorParams;
  /** The English text, for when the code has no message. */
  text: string;
  /** The page the run failed at, when it failed reading one. */
  page: number | null;
}

export interface SyncRunRow {
  id: string;
  trigger: SyncTrigger;
  requestedBy: string;
  windowFrom: string;
  windowTo: string;
  /** The one account asked for ("BCA Toko ••2233", or Moota's bank_id if it is not known here); null for every account. */
  account: string | null;
  state: SyncRunState;
  accounts: number;
  pagesFetched: number;
  pagesTotal: number | null;
  mutationsNew: number;
  mutationsKnown: number;
  error: SyncRunError | null;
  startedAt: string;
  finishedAt: string | null;
  /** From start to finish; null while it runs. */
  durationMs: number | null;
}

export interface SyncRunPage {
  items: SyncRunRow[];
  nextCursor: string | null;
}

/** An account a sync can be narrowed to. */
export interface SyncAccountOption {
  mootaBankId: string;
  label: string;
}

/** Fewer rows than the delivery log: runs are few and each row is wide. */
export const SYNC_RUNS_PAGE_SIZE = 10;

/** The run list's query parameters: where its page starts and how long it is (SYNC_RUNS_PAGE_SIZE unless asked). */
export const syncRunListParams = z.object({
  cursor: pageParams.cursor,
  limit: z
    .string()
    .optional()
    .transform((limit) => (limit ? pageSize(limit) : SYNC_RUNS_PAGE_SIZE)),
});

const TRIGGERS: readonly string[] = ['schedule', 'manual', 'shell'] satisfies SyncTrigger[];

function storedError(run: SyncRun): SyncRunError | null {
  if (run.state !== 'failed') return null;
  const raw = run.errorParams && typeof run.errorParams === 'object' && !Array.isArray(run.errorParams) ? run.errorParams : {};
  const params: ErrorParams = {};
  for (const [name, value] of Object.entries(raw)) if (typeof value === 'string' || typeof value === 'number') params[name] = value;
  const page = typeof params.page === 'number' ? params.page : null;
  return { code: run.errorCode, params, text: run.error ?? 'failed', page };
}

function toRow(run: SyncRun, labels: Map<string, string>): SyncRunRow {
  return {
    id: run.id,
    trigger: (TRIGGERS.includes(run.trigger) ? run.trigger : 'manual') as SyncTrigger,
    requestedBy: run.requestedBy,
    windowFrom: run.windowFrom,
    windowTo: run.windowTo,
    account: run.mootaBankId ? (labels.get(run.mootaBankId) ?? run.mootaBankId) : null,
    state: run.state,
    accounts: run.accounts,
    pagesFetched: run.pagesFetched,
    pagesTotal: run.pagesTotal,
    mutationsNew: run.mutationsNew,
    mutationsKnown: run.mutationsKnown,
    error: storedError(run),
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
  };
}

async function accountLabels(bankIds: (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(bankIds.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const accounts = await db().account.findMany({ where: { mootaBankId: { in: wanted } } });
  return new Map(accounts.map((account) => [account.mootaBankId, accountLabel(account)]));
}

/** Sync runs, newest first, one page at a time. */
export async function listSyncRuns(options: { cursor?: string | null; limit?: number } = {}): Promise<SyncRunPage> {
  const limit = pageSize(options.limit ?? SYNC_RUNS_PAGE_SIZE);
  const after = decodeCursor(options.cursor);
  const rows = await db().syncRun.findMany({
    where: afterCursor('startedAt', after),
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
  });
  const page = pageOf(rows, limit, (row) => ({ at: row.startedAt, id: row.id }));
  const labels = await accountLabels(page.rows.map((row) => row.mootaBankId));
  return { items: page.rows.map((row) => toRow(row, labels)), nextCursor: page.nextCursor };
}

/** One run, for its progress while it runs and its summary after; null when there is no such run. */
export async function getSyncRun(id: string): Promise<SyncRunRow | null> {
  if (!isUuid(id)) return null;
  const run = await db().syncRun.findUnique({ where: { id } });
  if (!run) return null;
  return toRow(run, await accountLabels([run.mootaBankId]));
}

/** The run going on now, if any: the page picks up its progress after a reload. */
export async function runningSyncRun(): Promise<SyncRunRow | null> {
  const run = await db().syncRun.findFirst({ where: { state: 'running' }, orderBy: { startedAt: 'desc' } });
  return run ? toRow(run, await accountLabels([run.mootaBankId])) : null;
}

/** The accounts Moota reported, to narrow a sync to one; sandbox accounts last. */
export async function listSyncAccounts(): Promise<SyncAccountOption[]> {
  const accounts = await db().account.findMany({ orderBy: [{ sandbox: 'asc' }, { label: 'asc' }, { accountNumber: 'asc' }] });
  return accounts.map((account) => ({ mootaBankId: account.mootaBankId, label: accountLabel(account) }));
}
