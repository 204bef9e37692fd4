/** Where the time goes: a smaller sample through an in-process worker, every SQL statement timed. */
import pg from 'pg';
import { startWorker, type Worker } from '@/lib/jobs/worker';
import type { MootaGenerator } from '@/lib/sandbox/moota-generator';
import { fmt, progressReporter, round, say, sleep } from '../lib/basics';
import { ownCpuMs, wholeTreeCpuMs } from '../lib/cpu';
import type { Cleanup } from '../lib/run';
import { insertOrders, shuffled, storeCredits } from './load';
import { countPayments, countWaiting, startWaker } from './queue';
import { POLL_MS, PROFILE_WAKE_MS, SEED } from './setup';
import { instrumentPg, type StatementKind } from './statements';

const PROFILE_TIMEOUT_MS = 5 * 60_000;

interface ProfileOptions {
  url: string;
  /** Credits in the sample, each paying an order of its own. */
  count: number;
  generator: MootaGenerator;
  postmasterPid: number | null;
  waker: pg.Client;
  cleanup: Cleanup;
}

export interface Profile {
  credits: number;
  wallMs: number;
  perSecond: number;
  statementsPerCredit: number;
  queryMsPerCredit: number;
  cpuMsPerCredit: { node: number; postgres: number };
  kinds: (StatementKind & { perCredit: number; msPerCredit: number })[];
}

/**
 * The same processing on a smaller sample, with the product's worker (`startWorker`) in this
 * process so that each statement it sends can be timed and counted.
 */
async function runProfile(sql: pg.Client, options: ProfileOptions): Promise<Profile> {
  const payables = await insertOrders(sql, { count: options.count, prefix: 'PROF-', firstBase: 2_000_000, label: 'profile orders inserted' });
  await storeCredits(options.generator, shuffled(payables, SEED + 1), 'profile credits stored');
  // After the end-to-end run (and any removal of what it left) the indexes hold many dead entries.
  await sql.query('VACUUM ANALYZE orders, mutations, payments');
  const waitingAtStart = await countWaiting(sql);
  const paymentsAtStart = await countPayments(sql);
  const progress = progressReporter('profile processed', waitingAtStart);

  const probe = instrumentPg();
  const waker = startWaker(options.waker, PROFILE_WAKE_MS);
  const node = ownCpuMs();
  const postgres = wholeTreeCpuMs(options.postmasterPid);
  const started = performance.now();
  let kinds: StatementKind[];
  // Stopped below once every credit is processed; by the clean-up if the run fails first.
  let worker: Worker | undefined;
  try {
    worker = await startWorker(options.url);
    options.cleanup.add(() => worker?.stop().catch(() => {}));
    for (let polls = 1; ; polls++) {
      await sleep(POLL_MS);
      const paid = (await countPayments(sql)) - paymentsAtStart;
      const waiting = paid >= waitingAtStart || polls % 40 === 0 ? await countWaiting(sql) : waitingAtStart - paid;
      progress(waitingAtStart - waiting);
      if (waiting === 0) break;
      if (performance.now() - started > PROFILE_TIMEOUT_MS) throw new Error(`the profile run took more than ${PROFILE_TIMEOUT_MS / 60_000} minutes`);
    }
  } finally {
    await waker.stop();
    kinds = probe.stop();
  }
  const wallMs = performance.now() - started;
  const nodeMs = ownCpuMs() - node;
  const postgresMs = wholeTreeCpuMs(options.postmasterPid) - postgres;
  await worker.stop();
  worker = undefined;

  const n = waitingAtStart;
  const statements = kinds.reduce((sum, kind) => sum + kind.count, 0);
  const queryMs = kinds.reduce((sum, kind) => sum + kind.totalMs, 0);
  return {
    credits: n,
    wallMs,
    perSecond: n / (wallMs / 1000),
    statementsPerCredit: round(statements / n, 2),
    queryMsPerCredit: round(queryMs / n, 3),
    cpuMsPerCredit: { node: round(nodeMs / n, 3), postgres: round(postgresMs / n, 3) },
    kinds: kinds.map((kind) => ({
      ...kind,
      totalMs: round(kind.totalMs, 1),
      perCredit: round(kind.count / n, 2),
      msPerCredit: round(kind.totalMs / n, 3),
    })),
  };
}

/** A smaller sample after the end-to-end run, to show where a credit's time goes. */
export async function measureProfile(sql: pg.Client, options: ProfileOptions): Promise<Profile> {
  say(`Where the time goes: ${fmt(options.count)} more credits through an in-process worker, every statement timed…`);
  const profile = await runProfile(sql, options);
  say(`Profile: ${fmt(profile.perSecond)} credits/s, ${profile.statementsPerCredit} statements per credit`);
  return profile;
}
