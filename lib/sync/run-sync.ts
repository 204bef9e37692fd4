import { recordReportedAccounts, type ReportedAccount } from '@/lib/accounts/store';
import { db } from '@/lib/db';
import { DomainError, errorMessage, violatedConstraint } from '@/lib/errors';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import type { MootaMutation } from '@/lib/moota/payload';
import { redactSecrets } from '@/lib/moota/payload';
import type { SyncWindow } from '@/lib/sync/window';
import { formatJakartaDateTime } from '@/lib/time/jakarta';

/** What the sync needs of Moota's API (lib/moota/api.ts). */
export interface MootaSource {
  /** Where the pages come from, for the audit log. */
  readonly host: string;
  accounts(): Promise<ReportedAccount[]>;
  mutationPage(query: { from: string; to: string; bankId?: string; page: number; perPage: number }): Promise<{
    page: number;
    lastPage: number;
    total: number;
    mutations: MootaMutation[];
    items: unknown[];
  }>;
}

export type SyncTrigger = 'schedule' | 'manual' | 'shell';

export interface SyncRequest {
  trigger: SyncTrigger;
  requestedBy: string;
  window: SyncWindow;
  mootaBankId?: string | null;
}

export interface SyncSummary {
  runId: string;
  state: 'succeeded' | 'failed';
  accounts: number;
  pagesFetched: number;
  pagesTotal: number | null;
  mutationsNew: number;
  mutationsKnown: number;
  error: string | null;
  durationMs: number;
}

/** A run that has not moved for this long was interrupted (its process stopped); it no longer blocks new runs. */
export const INTERRUPTED_AFTER_MS = 10 * 60_000;
export const PAGE_SIZE = 100;
/** How often a run's progress is written while it pages: enough for a progress bar polled every second. */
const PROGRESS_EVERY_MS = 250;

/**
 * Opens a sync run; only one runs at a time (the database holds that), so a second request is
 * refused with the running one's start time. A run that stopped moving is closed as interrupted first.
 */
export async function openSyncRun(request: SyncRequest, now = new Date()): Promise<string> {
  await db().syncRun.updateMany({
    where: { state: 'running', updatedAt: { lt: new Date(now.getTime() - INTERRUPTED_AFTER_MS) } },
    data: { state: 'failed', error: 'interrupted: the process running it stopped', errorCode: 'syncInterrupted', finishedAt: now },
  });
  try {
    const run = await db().syncRun.create({
      data: {
        trigger: request.trigger,
        requestedBy: request.requestedBy,
        windowFrom: request.window.from,
        windowTo: request.window.to,
        mootaBankId: request.mootaBankId ?? null,
        startedAt: now,
        updatedAt: now,
      },
      select: { id: true },
    });
    return run.id;
  } catch (error) {
    if (violatedConstraint(error) !== 'sync_runs_one_running_key') throw error;
    const running = await db().syncRun.findFirst({ where: { state: 'running' }, select: { startedAt: true } });
    throw new DomainError('conflict', 'syncAlreadyRunning', { started: running ? formatJakartaDateTime(running.startedAt) : '—' });
  }
}

/**
 * Pulls the run's window from Moota, page by page, through the same intake as webhook calls: each
 * page is stored whole in one statement (or not at all), a mutation already known only records
 * that the sync saw it too. A failure ends the run as failed, saying at which page.
 */
export async function runSync(runId: string, source: MootaSource, options: { perPage?: number } = {}): Promise<SyncSummary> {
  const started = performance.now();
  const run = await db().syncRun.findUniqueOrThrow({ where: { id: runId } });
  const perPage = options.perPage ?? PAGE_SIZE;
  const progress = { accounts: 0, pagesFetched: 0, pagesTotal: null as number | null, mutationsNew: 0, mutationsKnown: 0 };
  const save = (extra: object = {}) => db().syncRun.update({ where: { id: runId }, data: { ...progress, ...extra, updatedAt: new Date() } });
  try {
    const accounts = await source.accounts();
    await recordReportedAccounts(accounts);
    progress.accounts = run.mootaBankId ? 1 : accounts.length;
    await save();
    let savedAt = performance.now();
    for (let page = 1; progress.pagesTotal === null || page <= progress.pagesTotal; page++) {
      const answer = await source.mutationPage({ from: run.windowFrom, to: run.windowTo, bankId: run.mootaBankId ?? undefined, page, perPage });
      const ids = answer.mutations.map((m) => m.mootaId);
      // A page the sync has seen whole before changes nothing: one index look-up instead of the intake's statement.
      const seenWhole = (await db().mutation.count({ where: { mootaId: { in: ids }, syncSeenAt: { not: null } } })) === ids.length;
      const body = seenWhole ? '' : JSON.stringify(redactSecrets(answer.items));
      const stored = seenWhole
        ? { accepted: 0, duplicates: answer.items.length }
        : await storeAcceptedDelivery(
            { receivedAt: new Date(), sourceAddress: source.host, headers: {}, bodyBytes: Buffer.byteLength(body) },
            body,
            answer.mutations,
            answer.items.length - answer.mutations.length,
            { source: 'api-sync', syncRunId: runId },
          );
      progress.pagesFetched += 1;
      progress.pagesTotal = Math.max(answer.lastPage, 1);
      progress.mutationsNew += stored.accepted;
      progress.mutationsKnown += stored.duplicates;
      if (performance.now() - savedAt >= PROGRESS_EVERY_MS) {
        await save();
        savedAt = performance.now();
      }
    }
    await save({ state: 'succeeded', finishedAt: new Date() });
    return { runId, state: 'succeeded', ...progress, error: null, durationMs: Math.round(performance.now() - started) };
  } catch (error) {
    const page = progress.pagesFetched + 1;
    const message = `page ${page}: ${errorMessage(error)}`;
    const code = error instanceof DomainError ? error.code : 'syncFailed';
    const params = error instanceof DomainError ? error.params : { details: errorMessage(error) };
    await save({ state: 'failed', finishedAt: new Date(), error: message, errorCode: code, errorParams: { ...params, page } });
    return { runId, state: 'failed', ...progress, error: message, durationMs: Math.round(performance.now() - started) };
  }
}
