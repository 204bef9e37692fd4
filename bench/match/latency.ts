/** Latency: fresh orders, each paid by one signed delivery to the production server, one at a time. */
import http from 'node:http';
import path from 'node:path';
import pg from 'pg';
import { createOrder } from '@/lib/orders/create-order';
import { signedDelivery, type MootaGenerator } from '@/lib/sandbox/moota-generator';
import { percentile, progressReporter, RESULTS_DIR, round, say, sleep } from '../lib/basics';
import { postWebhook, waitUntilAnswering } from '../lib/http';
import { describeFailure, isRunning, launch, stopServer, type ChildServer } from '../lib/processes';
import type { Cleanup } from '../lib/run';
import { waitForEmptyQueue } from './queue';
import { LATENCY_WARMUP, PAID_POLL_MS, SECRET, SERVER_PORT } from './setup';

// The first start may include a production build.
const SERVER_START_TIMEOUT_MS = 15 * 60_000;
const WORKER_READY_TIMEOUT_MS = 60_000;
const WORKER_READY_LINE = 'worker is processing jobs';
const REQUEST_TIMEOUT_MS = 10_000;
const PAID_TIMEOUT_MS = 10_000;
const IDLE_BETWEEN_MS = 100;

export interface LatencySample {
  reference: string;
  answerMs: number;
  answerToPaidMs: number | null;
  status: string;
  error?: string;
}

export interface Latency {
  orders: number;
  warmup: LatencySample[];
  samples: LatencySample[];
  answerToPaid: { p50Ms: number; p90Ms: number; maxMs: number };
  answer: { p50Ms: number; p90Ms: number };
  /** Inside the database: the mutation's received_at (set as the server starts handling the call) to its processed_at. */
  receivedToProcessed: { p50Ms: number; p90Ms: number };
  /** received_at → job created_on, → job started_on (fetched by the worker), → processed_at. */
  inDatabase: Record<'intake' | 'queue' | 'processing', { p50Ms: number; p90Ms: number }>;
  failures: number;
}

async function waitForWorker(server: ChildServer, ready: () => boolean) {
  const deadline = Date.now() + WORKER_READY_TIMEOUT_MS;
  while (!ready()) {
    if (!isRunning(server)) throw describeFailure(server, 'the server exited before its worker started');
    if (Date.now() > deadline)
      throw describeFailure(server, `the server's worker did not report "${WORKER_READY_LINE}" within ${WORKER_READY_TIMEOUT_MS / 1000} s`);
    await sleep(100);
  }
}

/** The production server (`scripts/start.ts`, which runs its own worker process), its worker ready and the queue empty. */
export async function startProductionServer(sql: pg.Client, url: string, cleanup: Cleanup): Promise<ChildServer> {
  say(`Starting the production server on port ${SERVER_PORT} (scripts/start.ts builds first if the sources changed)…`);
  const server = launch(
    'Cocok',
    'scripts/start.ts',
    {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(SERVER_PORT),
      MOOTA_WEBHOOK_SECRET: SECRET,
      MOOTA_ALLOWED_IPS: '127.0.0.1,::1',
      COCOK_WORKER: 'on',
    },
    path.join(RESULTS_DIR, 'match-server.log'),
  );
  cleanup.add(() => stopServer(server));
  let workerReady = false;
  const watch = (chunk: Buffer) => {
    if (chunk.toString('utf8').includes(WORKER_READY_LINE)) workerReady = true;
  };
  server.child.stdout!.on('data', watch);
  server.child.stderr!.on('data', watch);
  await waitUntilAnswering(server, SERVER_PORT, SERVER_START_TIMEOUT_MS);
  await waitForWorker(server, () => workerReady);
  await waitForEmptyQueue(sql);
  await sleep(1_000);
  say('Server and its worker are up, the queue is empty');
  return server;
}

/** Each fresh order paid by one delivery, one at a time: the time from the 200 answer until the order reads as paid. */
export async function measureLatency(sql: pg.Client, generator: MootaGenerator, count: number): Promise<Latency> {
  const orders: { id: string; reference: string; payable: bigint }[] = [];
  const runId = Date.now().toString(36).toUpperCase();
  for (let i = 0; i < LATENCY_WARMUP + count; i++) {
    const { order } = await createOrder({ reference: `LAT-${runId}-${i + 1}`, amount: 1_000_000 + 1_000 * i }, 'api', 'bench');
    if (order.status !== 'pending') throw new Error(`the fresh order ${order.reference} is ${order.status}, not pending`);
    orders.push({ id: order.id, reference: order.reference, payable: order.payableAmount });
  }
  say(`Created ${orders.length} fresh orders (${LATENCY_WARMUP} for warm-up) with createOrder`);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const samples: LatencySample[] = [];
  const progress = progressReporter('latency deliveries', orders.length);
  try {
    for (const [index, order] of orders.entries()) {
      await sleep(IDLE_BETWEEN_MS);
      const body = JSON.stringify([generator.mutation({ amount: order.payable, type: 'CR' })]);
      const headers = signedDelivery(body, SECRET);
      const sent = performance.now();
      let answer;
      try {
        answer = await postWebhook(agent, SERVER_PORT, body, headers, REQUEST_TIMEOUT_MS);
      } catch (error) {
        answer = { status: 0, text: (error as Error).message };
      }
      const answered = performance.now();
      const sample: LatencySample = { reference: order.reference, answerMs: round(answered - sent, 2), answerToPaidMs: null, status: 'pending' };
      samples.push(sample);
      let accepted: unknown;
      try {
        accepted = (JSON.parse(answer.text) as { accepted?: unknown }).accepted;
      } catch {
        // Reported below.
      }
      if (answer.status !== 200 || accepted !== 1) {
        sample.error = `answer ${answer.status} ${answer.text.slice(0, 300)}`;
        continue;
      }
      for (;;) {
        const { rows } = await sql.query<{ status: string }>({
          name: 'bench_order_status',
          text: 'SELECT status::text AS status FROM orders WHERE id = $1',
          values: [order.id],
        });
        const now = performance.now();
        sample.status = rows[0]?.status ?? 'missing';
        if (sample.status !== 'pending') {
          sample.answerToPaidMs = round(now - answered, 2);
          if (sample.status !== 'paid') sample.error = `the order became ${sample.status}`;
          break;
        }
        if (now - answered > PAID_TIMEOUT_MS) {
          sample.error = `not paid ${PAID_TIMEOUT_MS / 1000} s after the answer`;
          break;
        }
        await sleep(PAID_POLL_MS);
      }
      progress(index + 1);
    }
  } finally {
    agent.destroy();
  }

  const measured = samples.slice(LATENCY_WARMUP);
  const toPaid = measured
    .filter((s) => s.answerToPaidMs !== null && !s.error)
    .map((s) => s.answerToPaidMs!)
    .sort((a, b) => a - b);
  const answers = measured.map((s) => s.answerMs).sort((a, b) => a - b);
  // Where the time between the call and the payment went, from the timestamps the rows carry:
  // received_at (the server starts handling the call), the job's created_on (the intake
  // transaction's start) and started_on (the worker fetched it), processed_at (end of processing).
  const { rows } = await sql.query<{ total: number; intake: number; queue: number; processing: number }>(
    `SELECT extract(epoch FROM m.processed_at - m.received_at) * 1000 AS total,
            extract(epoch FROM j.created_on - m.received_at) * 1000 AS intake,
            extract(epoch FROM j.started_on - j.created_on) * 1000 AS queue,
            extract(epoch FROM m.processed_at - j.started_on) * 1000 AS processing
     FROM payments p JOIN mutations m ON m.id = p.mutation_id JOIN orders o ON o.id = p.order_id
     LEFT JOIN pgboss.job j ON j.name = 'process-mutation' AND j.data->'mutationIds' ? m.id::text AND j.state = 'completed'
     WHERE o.reference = ANY($1::text[]) AND p.undone_at IS NULL`,
    [measured.map((s) => s.reference)],
  );
  const stat = (pick: (row: (typeof rows)[number]) => number) => {
    const values = rows
      .map((row) => Number(pick(row)))
      .filter((value) => Number.isFinite(value))
      .sort((a, b) => a - b);
    return { p50Ms: round(percentile(values, 50), 1), p90Ms: round(percentile(values, 90), 1) };
  };
  return {
    orders: count,
    warmup: samples.slice(0, LATENCY_WARMUP),
    samples: measured,
    answerToPaid: { p50Ms: percentile(toPaid, 50), p90Ms: percentile(toPaid, 90), maxMs: toPaid.at(-1) ?? Number.NaN },
    answer: { p50Ms: percentile(answers, 50), p90Ms: percentile(answers, 90) },
    receivedToProcessed: stat((row) => row.total),
    inDatabase: { intake: stat((row) => row.intake), queue: stat((row) => row.queue), processing: stat((row) => row.processing) },
    failures: measured.filter((s) => s.error !== undefined).length,
  };
}
