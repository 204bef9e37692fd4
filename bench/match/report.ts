/** The match bench's report: its figures beside the floor, where the time went, PASS/MISS, and bench/results/match.json. */
import { fmt, machineInfo, round, say, seconds } from '../lib/basics';
import { printCpuProfileSummary } from '../lib/cpu-profile';
import { printLabelled, printTargets, writeResults, type TargetCheck } from '../lib/report';
import type { MatchSettings } from '@/lib/reconcile/decide';
import type { EndToEnd, PaymentCheck } from './end-to-end';
import type { Latency } from './latency';
import type { Profile } from './profile';
import {
  LATENCY_WARMUP,
  MUTATIONS_PER_DELIVERY,
  PAID_POLL_MS,
  PARALLEL_DELIVERIES,
  POLL_MS,
  PRODUCT_WORKER_NICE,
  PROFILE_WAKE_MS,
  TARGET_MEDIAN_MS,
  TARGET_RATIO,
} from './setup';

export interface Figures {
  options: { orders: number; credits: number; workers: number; workerNice: number; cpuProfile: boolean; wakeMs: number; timeoutMs: number };
  settings: MatchSettings;
  loads: Record<string, [number, number, number]>;
  load: { ordersMs: number; creditsMs: number };
  floor: { ms: number; perSecond: number; matched: number };
  passes: { ms: number }[];
  endToEnd: EndToEnd;
  roundTrip: { p50Ms: number; p90Ms: number };
  payments: PaymentCheck;
  profile: Profile | undefined;
  latency: Latency;
  doublesAtEnd: number;
}

/** Prints everything and writes the results file; the answer is the exit code. */
export function report(figures: Figures): number {
  const { payments, latency, endToEnd, doublesAtEnd } = figures;
  const ratio = figures.floor.perSecond / endToEnd.perSecond;
  printLabelled(figureRows(figures, ratio));
  printWhereTheTimeWent(figures);
  const targets = targetChecks(figures, ratio);
  console.log('');
  printTargets(targets);
  for (const sample of [...latency.warmup, ...latency.samples].filter((s) => s.error)) say(`latency ${sample.reference}: ${sample.error}`);
  writeMatchResults(figures, ratio, targets);
  // A missed target is a finding; wrong payments, lost deliveries or a run over its time limit are failures.
  return payments.pass && doublesAtEnd === 0 && latency.failures === 0 && !endToEnd.aborted ? 0 : 1;
}

/** Each figure on its line, the end-to-end rate beside the in-memory floor. */
function figureRows(figures: Figures, ratio: number): [string, string][] {
  const { options, loads, floor, endToEnd, payments, profile, latency } = figures;
  const { ordersMs, creditsMs } = figures.load;
  const roundTripBefore = figures.roundTrip;
  const cpu = endToEnd.cpu;
  return [
    ['orders / credits', `${fmt(options.orders)} / ${fmt(options.credits)}`],
    ['load: orders (bulk SQL)', seconds(ordersMs)],
    [
      'load: credits via storeAcceptedDelivery',
      `${seconds(creditsMs)} (${fmt(options.credits / (creditsMs / 1000))} credits/s, ${MUTATIONS_PER_DELIVERY} a delivery)`,
    ],
    ['in-memory floor (Maps + decideMatch)', `${fmt(floor.perSecond)} credits/s`],
    [
      `end to end (${options.workers} worker process${options.workers > 1 ? 'es' : ''}${endToEnd.wakeMs > 0 ? `, woken every ${endToEnd.wakeMs} ms` : ''})`,
      `${fmt(endToEnd.perSecond)} credits/s (${seconds(endToEnd.queueToPaidMs)} from the first fetch from the queue to the last credit paid; ` +
        `${fmt(endToEnd.perSecondWithStartUp)}/s over ${seconds(endToEnd.wallMs)} counting the worker process's start-up)` +
        (endToEnd.aborted ? ` ABORTED at ${options.timeoutMs / 60_000} min: ${fmt(endToEnd.processed)} of ${fmt(options.credits)} processed` : ''),
    ],
    ['round trip to PostgreSQL (SELECT 1)', `median ${roundTripBefore.p50Ms} ms, p90 ${roundTripBefore.p90Ms} ms (before the end-to-end run)`],
    ['ratio floor / end to end', `${ratio.toFixed(0)}× (target ≤ ${TARGET_RATIO}×)`],
    [
      'CPU while processing (s)',
      `worker ${(cpu.workerMs / 1000).toFixed(1)}, postgres ${(cpu.postgresMs / 1000).toFixed(1)}, bench ${(cpu.benchMs / 1000).toFixed(1)} over ${seconds(cpu.windowMs)} wall`,
    ],
    [
      'CPU per credit while processing',
      `worker ${(cpu.workerMs / cpu.credits).toFixed(2)} ms, postgres ${(cpu.postgresMs / cpu.credits).toFixed(2)} ms (over ${fmt(cpu.credits)} credits)`,
    ],
    [
      'write-ahead log per credit while processing',
      `${endToEnd.wal.records} records, ${endToEnd.wal.fullPageImages} full-page images, ${fmt(endToEnd.wal.bytes)} bytes (${endToEnd.wal.checkpoints} checkpoints during the run)`,
    ],
    ...(profile
      ? ([
          [
            `profile: in-process worker, woken every ${PROFILE_WAKE_MS} ms`,
            `${fmt(profile.perSecond)} credits/s over ${fmt(profile.credits)} credits (floor / this: ${(floor.perSecond / profile.perSecond).toFixed(0)}×)`,
          ],
          [
            'profile: per credit',
            `${profile.statementsPerCredit} statements, ${profile.queryMsPerCredit} ms waiting on them; CPU node ${profile.cpuMsPerCredit.node} ms, postgres ${profile.cpuMsPerCredit.postgres} ms`,
          ],
        ] as [string, string][])
      : []),
    ['every order paid exactly once', payments.pass ? 'yes' : `NO ${JSON.stringify(payments)}`],
    [
      `webhook answer → paid (n=${latency.samples.length})`,
      `median ${latency.answerToPaid.p50Ms} ms, p90 ${latency.answerToPaid.p90Ms} ms, max ${latency.answerToPaid.maxMs} ms`,
    ],
    ['webhook POST → 200 answer', `median ${latency.answer.p50Ms} ms, p90 ${latency.answer.p90Ms} ms`],
    ['in the database: received_at → processed_at', `median ${latency.receivedToProcessed.p50Ms} ms, p90 ${latency.receivedToProcessed.p90Ms} ms`],
    [
      '  of which (medians)',
      `call → job enqueued ${latency.inDatabase.intake.p50Ms} ms, → fetched by the worker ${latency.inDatabase.queue.p50Ms} ms, → processed ${latency.inDatabase.processing.p50Ms} ms`,
    ],
    [
      'load average (1 min)',
      Object.entries(loads)
        .map(([when, load]) => `${when} ${load[0]}`)
        .join(', '),
    ],
  ];
}

/** The profile's statements, what PostgreSQL ran during the end-to-end run, the worker's CPU profile. */
function printWhereTheTimeWent({ profile, endToEnd }: Figures) {
  if (profile) {
    console.log(`\nwhere a credit's time goes (in-process worker, ${fmt(profile.credits)} credits, ${fmt(profile.perSecond)}/s):`);
    const width = Math.max(...profile.kinds.map((kind) => kind.kind.length));
    console.log(`${'statement'.padEnd(width)}  per credit  ms per credit`);
    for (const kind of profile.kinds) {
      console.log(`${kind.kind.padEnd(width)}  ${kind.perCredit.toFixed(2).padStart(10)}  ${kind.msPerCredit.toFixed(3).padStart(13)}`);
    }
  }
  const activity = endToEnd.databaseActivity;
  console.log(
    `\nwhat PostgreSQL was running during the end-to-end run (${fmt(activity.samples)} samples every ${POLL_MS} ms; something ran in ${activity.busyShare}% of them):`,
  );
  for (const entry of activity.byStatement.slice(0, 12)) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.kind}`);
  if (endToEnd.cpuProfile) printCpuProfileSummary("the end-to-end worker's CPU by package", endToEnd.cpuProfile);
}

function targetChecks({ options, endToEnd, latency, payments, doublesAtEnd }: Figures, ratio: number): TargetCheck[] {
  return [
    {
      target: `end to end within ${TARGET_RATIO}× of the in-memory floor`,
      measured: `${ratio.toFixed(1)}×${endToEnd.aborted ? `, aborted after ${options.timeoutMs / 60_000} min` : ''}`,
      pass: ratio <= TARGET_RATIO && !endToEnd.aborted,
    },
    {
      target: `webhook answer → paid median < ${TARGET_MEDIAN_MS} ms`,
      measured: `${latency.answerToPaid.p50Ms} ms`,
      pass: latency.answerToPaid.p50Ms < TARGET_MEDIAN_MS,
    },
    {
      target: 'every order paid exactly once, no double payments',
      measured: payments.pass && doublesAtEnd === 0 ? 'yes' : 'no',
      pass: payments.pass && doublesAtEnd === 0,
    },
    { target: `all ${latency.samples.length} latency orders paid`, measured: `${latency.failures} failed`, pass: latency.failures === 0 },
  ];
}

function writeMatchResults(figures: Figures, ratio: number, targets: TargetCheck[]) {
  const { options, settings, loads, floor, passes, endToEnd, payments, profile, latency, doublesAtEnd } = figures;
  writeResults('match', {
    machine: { ...machineInfo(), loadAverages: loads },
    setup: {
      orders: options.orders,
      credits: options.credits,
      mutationsPerDelivery: MUTATIONS_PER_DELIVERY,
      parallelDeliveries: PARALLEL_DELIVERIES,
      matchSettings: Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])),
      endToEndWorker: `${options.workers} × scripts/worker.ts (startWorker: 2 process-mutation loops, 10 jobs of up to 100 mutations a batch), nice ${options.workerNice}${options.cpuProfile ? ', --cpu-prof' : ''}`,
      endToEndWakeMs: options.wakeMs,
      profileWakeMs: PROFILE_WAKE_MS,
      latencyServer: `scripts/start.ts with its own worker process (COCOK_WORKER=on, nice ${PRODUCT_WORKER_NICE})`,
      latencyPollMs: PAID_POLL_MS,
      latencyWarmup: LATENCY_WARMUP,
      database: 'embedded PostgreSQL, ANALYZE after the bulk load',
    },
    load: { ordersMs: round(figures.load.ordersMs), creditsMs: round(figures.load.creditsMs) },
    floor: { ms: round(floor.ms, 1), perSecond: round(floor.perSecond), matched: floor.matched, passesMs: passes.map((pass) => round(pass.ms, 1)) },
    endToEnd: { ...endToEnd, perSecond: round(endToEnd.perSecond), wallMs: round(endToEnd.wallMs) },
    ratio: round(ratio, 1),
    roundTrip: figures.roundTrip,
    payments,
    doublePaymentsAtEnd: doublesAtEnd,
    profile,
    latency,
    targets,
  });
}
