import { db, inTransaction } from '@/lib/db';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { enqueueSync } from '@/lib/jobs/queue';
import { mootaConnection } from '@/lib/moota/connection';
import { mootaSource } from '@/lib/sync/moota-source';
import { openSyncRun, runSync, type SyncRequest, type SyncSummary } from '@/lib/sync/run-sync';
import { recentWindow } from '@/lib/sync/window';
import { jakartaDay } from '@/lib/time/jakarta';

/** The cron of the scheduled sync: every `minutes` minutes (below an hour), or every so many whole hours. */
export function syncSchedule(minutes: number): string {
  return minutes < 60 ? `*/${minutes} * * * *` : `0 */${minutes / 60} * * *`;
}

/** A person asks for a sync: the run is opened (or refused) at once and runs in the worker. */
export async function requestSync(request: SyncRequest): Promise<string> {
  if (!(await mootaConnection())) throw new DomainError('invalid', 'mootaNotConnected');
  const runId = await openSyncRun(request);
  await inTransaction((tx) => enqueueSync(tx, runId));
  return runId;
}

/** Runs a requested sync, or the scheduled one (nothing without a token, nothing while another runs). */
export async function runSyncJob(job: { runId?: string }): Promise<SyncSummary | null> {
  const connection = await mootaConnection();
  if (job.runId) {
    if (!connection) {
      await db().syncRun.update({
        where: { id: job.runId },
        data: { state: 'failed', error: 'no Moota API token', errorCode: 'mootaNotConnected', finishedAt: new Date() },
      });
      return null;
    }
    return runSync(job.runId, mootaSource(connection));
  }
  if (!connection) return null;
  let runId: string;
  try {
    runId = await openSyncRun({ trigger: 'schedule', requestedBy: 'schedule', window: recentWindow(jakartaDay(new Date()), env().MOOTA_SYNC_DAYS) });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'syncAlreadyRunning') return null;
    throw error;
  }
  return runSync(runId, mootaSource(connection));
}
