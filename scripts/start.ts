import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { ensureAuthSecret } from '@/lib/auth/auth-secret';
import { startEmbeddedDatabase, stopDatabaseLastOnSignals, type EmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { closeDatabase } from '@/lib/db';
import { EnvError, parseEnv } from '@/lib/env';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';
import { prepareQueues } from '@/lib/jobs/worker';
import { MOOTA_SENDER_ADDRESSES } from '@/lib/moota/client-address';
import { buildWebApp, isBuildCurrent } from '@/lib/runtime/web-build';
import { superviseWorkerProcess, type WorkerProcess } from '@/lib/runtime/worker-process';
import { DEMO_WEBHOOK_SECRET, LOOPBACK_ADDRESSES } from '@/lib/sandbox/demo';
import { seedDemoData } from '@/prisma/seed';

const root = path.resolve(import.meta.dirname, '..');

/**
 * Next calls flushHeaders() right before it writes a response's first body chunk. Left to that
 * write, the headers share its packet: a small answer (every webhook answer) goes out in one
 * write to the socket instead of two.
 */
class ServerResponse<Request extends http.IncomingMessage = http.IncomingMessage> extends http.ServerResponse<Request> {
  override flushHeaders(): void {}
}
const say = (line: string) => console.log(`[cocok] ${line}`);

async function main() {
  // The demo start is the embedded database without a configured secret: say so loudly.
  const demo = !process.env.DATABASE_URL && process.env.COCOK_DEMO !== 'false';
  process.env.COCOK_DEMO = String(demo);
  if (demo && !process.env.MOOTA_WEBHOOK_SECRET) {
    process.env.MOOTA_WEBHOOK_SECRET = DEMO_WEBHOOK_SECRET;
    process.env.MOOTA_ALLOWED_IPS ??= [...MOOTA_SENDER_ADDRESSES, ...LOOPBACK_ADDRESSES].join(',');
    say(`DEMO MODE: webhook secret is "${DEMO_WEBHOOK_SECRET}" and loopback callers are allowed.`);
    say('           Set MOOTA_WEBHOOK_SECRET (and DATABASE_URL) for real use.');
  }
  const config = parseEnv(process.env);

  let database: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) {
    database = await startEmbeddedDatabase({
      dataDir: path.resolve(root, config.COCOK_DATA_DIR),
      port: config.COCOK_DATABASE_PORT,
      log: say,
    });
    process.env.DATABASE_URL = database.url;
    say(`Embedded PostgreSQL is running on 127.0.0.1:${config.COCOK_DATABASE_PORT} (data in ${config.COCOK_DATA_DIR}/)`);
  }
  const databaseUrl = process.env.DATABASE_URL!;

  const { applied } = await applyMigrations(databaseUrl);
  if (applied.length > 0) say(`Applied migrations: ${applied.join(', ')}`);
  await prepareQueues(databaseUrl);
  process.env.AUTH_SECRET = await ensureAuthSecret(config.AUTH_SECRET);

  if (demo) {
    const seeded = await seedDemoData();
    if (seeded) say(seeded);
    say('Demo sign-in: owner@cocok.local / cocok-owner  ·  finance@cocok.local / cocok-finance');
  }

  if (!isBuildCurrent(root)) {
    say('Building the web app (first start, or the source changed)…');
    buildWebApp(root);
  }

  const app = next({ dev: false, dir: root, port: config.PORT });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer({ ServerResponse }, (request, response) => {
    request.headers[PEER_ADDRESS_HEADER] = request.socket.remoteAddress ?? 'unknown';
    void handle(request, response);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, resolve);
  });

  let worker: WorkerProcess | undefined;
  if (config.COCOK_WORKER === 'on') worker = superviseWorkerProcess(root, { ...process.env, DATABASE_URL: databaseUrl }, say);

  say(`Cocok is ready on http://localhost:${config.PORT}  (Moota webhook: POST /api/webhook)`);
  if (!worker) say('The job worker is off here (COCOK_WORKER=off): run `npm run worker` elsewhere.');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: stopping…`);
    server.close();
    server.closeAllConnections();
    await worker?.stop();
    await closeDatabase();
    await database?.stop();
    process.exit(0);
  };
  stopDatabaseLastOnSignals();
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
  process.exit(1);
});
