import net from 'node:net';
import { afterEach, expect, test, vi } from 'vitest';
import { closeDatabase, db } from '@/lib/db';
import { parseAllowlist } from '@/lib/moota/client-address';
import { TEST_SECRET, webhookRequest } from '@/tests/support/webhook';

const MOOTA_WAITS_MS = 5000;
const body = JSON.stringify([{ mutation_id: 'down-1', account_number: '8730112233', date: '2026-11-28 10:00:00', amount: 150123, type: 'CR' }]);

/** A loopback "database" that accepts connections and then, after `greet` (if any), never answers. */
async function silentDatabase(greet?: (socket: net.Socket) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
    if (greet) socket.once('data', () => greet(socket));
    socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `postgresql://cocok:cocok@127.0.0.1:${port}/cocok`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// Authentication ok, then ready for a query: the connection opens and every query waits forever.
function greetThenHang(socket: net.Socket) {
  const authenticationOk = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 0]);
  const readyForQuery = Buffer.from([0x5a, 0, 0, 0, 5, 0x49]);
  socket.write(Buffer.concat([authenticationOk, readyForQuery]));
}

let stop: (() => Promise<void>) | undefined;

afterEach(async () => {
  await stop?.();
  stop = undefined;
  // The process's one pool pointed at the silent database: the next use connects to the real one.
  await closeDatabase();
  vi.unstubAllEnvs();
});

async function postThrough(url: string) {
  await closeDatabase();
  vi.resetModules();
  vi.stubEnv('MOOTA_WEBHOOK_SECRET', TEST_SECRET);
  vi.stubEnv('DATABASE_URL', url);
  const { POST } = await import('@/app/api/webhook/route');
  const answers: { status: number; ms: number }[] = [];
  for (let i = 0; i < 2; i++) {
    const started = performance.now();
    const response = await POST(webhookRequest({ body }));
    answers.push({ status: response.status, ms: performance.now() - started });
  }
  return answers;
}

test.each([
  ['accepts connections and never answers', undefined],
  ['opens the connection, then never answers a query', greetThenHang],
])('a database that %s: every delivery is answered 503 within Moota’s 5 s, never 200', async (_label, greet) => {
  const database = await silentDatabase(greet);
  stop = database.close;
  const answers = await postThrough(database.url);
  for (const answer of answers) {
    expect(answer.status).toBe(503);
    expect(answer.ms).toBeLessThan(MOOTA_WAITS_MS);
  }
});

test('a delivery whose store hangs, and a refused call whose log entry hangs, are both answered within Moota’s 5 s', async () => {
  const database = await silentDatabase(greetThenHang);
  stop = database.close;
  await closeDatabase();
  vi.resetModules();
  vi.stubEnv('DATABASE_URL', database.url);
  const { receiveWebhook } = await import('@/lib/intake/receive-webhook');
  const { MOOTA_ADDRESS } = await import('@/tests/support/webhook');
  const config = { secrets: [TEST_SECRET], allowlist: parseAllowlist(MOOTA_ADDRESS), trustedProxyHops: 0, maxBodyBytes: 1024 * 1024 };
  for (const [call, status] of [
    [{ body }, 503],
    [{ body, peer: '198.51.100.7' }, 403],
  ] as const) {
    const started = performance.now();
    const response = await receiveWebhook(webhookRequest(call), { ...config, databaseDeadline: started + 4000 });
    expect(response.status).toBe(status);
    expect(performance.now() - started).toBeLessThan(MOOTA_WAITS_MS);
  }
});

test('a database that refuses connections: 503 at once', async () => {
  const database = await silentDatabase();
  const url = database.url;
  await database.close();
  const answers = await postThrough(url);
  expect(answers.map((answer) => answer.status)).toEqual([503, 503]);
  expect(Math.max(...answers.map((answer) => answer.ms))).toBeLessThan(MOOTA_WAITS_MS);
});

test('once the database is back, the same delivery is stored', async () => {
  await closeDatabase();
  vi.resetModules();
  vi.stubEnv('MOOTA_WEBHOOK_SECRET', TEST_SECRET);
  const { POST } = await import('@/app/api/webhook/route');
  const response = await POST(webhookRequest({ body }));
  expect(response.status).toBe(200);
  expect(await db().mutation.count({ where: { mootaId: 'down-1' } })).toBe(1);
});
