/**
 * The customer's payment page, as a customer on a phone meets it, with the floor beside it in the
 * same run:
 * - server time and bytes of GET /pay/<token> (its HTML), and the bytes a browser transfers to
 *   show it (HTML, scripts, styles, fonts);
 * - from the webhook's answer to "paid ✓" on an open page, per order; beside it the floor: from the
 *   webhook's answer to the page's status read answering "paid", polled every 20 ms (what the
 *   worker's matching takes, whatever the page's poll interval).
 *
 * npm run bench:pay -- [--orders 100] [--port-offset 0]
 */
import { existsSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { fmt, loadAverage, machineInfo, percentile, round, say, sleep, wholeNumber } from './lib/basics';
import { startCocok } from './lib/cocok';
import { startBenchDatabase } from './lib/database';
import { postWebhook } from './lib/http';
import { assertPortFree } from './lib/processes';
import { printColumns, printTargets, writeResults, type TargetCheck } from './lib/report';
import { runBench, type Cleanup } from './lib/run';
import { findChromium } from '@/lib/runtime/chromium';
import { createMootaGenerator, signedDelivery } from '@/lib/sandbox/moota-generator';

const SECRET = 'bench-pay-webhook-secret';
const STORE_KEY = 'bench-pay-store-api-key-0123456789';
const TARGET_PAID_MS = 1_000;

interface Order {
  reference: string;
  payable_amount: number;
  pay_url: string;
}

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)) };
};

async function createOrder(port: number, reference: string): Promise<Order> {
  const response = await fetch(`http://localhost:${port}/api/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${STORE_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reference, amount: 100_000 + Math.floor(Math.random() * 900) * 1_000 }),
  });
  if (response.status !== 201) throw new Error(`creating ${reference}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Order;
}

/** Sends the transfer that pays `order`, as Moota does; resolves when the webhook has answered 200. */
async function pay(agent: http.Agent, port: number, order: Order, generator: ReturnType<typeof createMootaGenerator>): Promise<number> {
  const body = JSON.stringify([
    generator.mutation({ type: 'CR', amount: order.payable_amount, description: `TRSF E-BANKING CR ${order.reference}` }),
  ]);
  const answer = await postWebhook(agent, port, body, signedDelivery(body, SECRET), 10_000);
  if (answer.status !== 200) throw new Error(`webhook answered ${answer.status}`);
  return performance.now();
}

async function main(cleanup: Cleanup): Promise<number> {
  const { values } = parseArgs({ options: { orders: { type: 'string', default: '100' }, 'port-offset': { type: 'string', default: '0' } } });
  const count = wholeNumber('--orders', values.orders!, 2, 10_000);
  const offset = wholeNumber('--port-offset', values['port-offset']!, 0, 1_000);
  const ports = { database: 55700 + offset, cocok: 3700 + offset };
  await Promise.all(Object.values(ports).map(assertPortFree));
  const database = await startBenchDatabase({ port: ports.database, tempPrefix: 'cocok-pay-', cleanup });
  process.env.STORE_API_KEYS = STORE_KEY;
  await startCocok({ databaseUrl: database.url, port: ports.cocok, secret: SECRET, log: 'pay-server.log', cleanup });
  const generator = createMootaGenerator({ seed: 20261204 });
  const agent = new http.Agent({ keepAlive: true });
  cleanup.add(() => agent.destroy());

  say(`Creating ${fmt(count * 2)} orders…`);
  const orders: Order[] = [];
  for (let i = 0; i < count * 2; i++) orders.push(await createOrder(ports.cocok, `BENCH-PAY-${i + 1}`));
  const onPage = orders.slice(0, count);
  const floorOrders = orders.slice(count);

  // Server time and size of the page itself, a warm request per order.
  const serverMs: number[] = [];
  const htmlBytes: number[] = [];
  for (const order of onPage) {
    const started = performance.now();
    const response = await fetch(order.pay_url);
    const html = await response.arrayBuffer();
    serverMs.push(performance.now() - started);
    htmlBytes.push(html.byteLength);
    if (response.status !== 200) throw new Error(`payment page answered ${response.status}`);
  }

  const browser = await chromium.launch({
    executablePath: findChromium({ env: process.env, platform: process.platform, exists: existsSync }),
    args: ['--no-sandbox', '--disable-gpu'],
  });
  cleanup.add(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
  const page = await context.newPage();

  // What a first visit transfers, everything the page needs included.
  await page.goto(onPage[0]!.pay_url, { waitUntil: 'networkidle' });
  const resources = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => ({
      url: entry.name,
      bytes: (entry as PerformanceResourceTiming).encodedBodySize || 0,
    })),
  );
  // Cocok leaves compression to the proxy in front (next.config.ts): what such a proxy would send, gzip level 6.
  const gzipped = await Promise.all(resources.map(async ({ url }) => gzipSync(Buffer.from(await (await fetch(url)).arrayBuffer())).byteLength));
  const transferred = resources.reduce((sum, resource) => sum + resource.bytes, 0);
  const transferredGzip = gzipped.reduce((sum, bytes) => sum + bytes, 0);
  const heaviest = resources
    .map((resource, index) => ({ ...resource, gzip: gzipped[index]! }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, 5);

  say(`Paying ${fmt(count)} orders on an open payment page, then ${fmt(count)} with the status read polled every 20 ms…`);
  const shownMs: number[] = [];
  for (const order of onPage) {
    await page.goto(order.pay_url);
    await page.getByTestId('pay-status').waitFor();
    // Waits for the page's own poll to be running (its first answer), then pays at some moment of
    // its interval, as a customer's bank would: not always right after a poll.
    await page.waitForResponse((response) => response.url().includes('/api/pay/'));
    await sleep(Math.random() * 700);
    const paidAt = await pay(agent, ports.cocok, order, generator);
    await page.waitForFunction(() => document.querySelector('[data-testid="pay-status"]')?.getAttribute('data-kind') === 'paid', undefined, {
      polling: 'raf',
      timeout: 30_000,
    });
    shownMs.push(performance.now() - paidAt);
  }
  const floorMs: number[] = [];
  for (const order of floorOrders) {
    const status = order.pay_url.replace('/pay/', '/api/pay/');
    const paidAt = await pay(agent, ports.cocok, order, generator);
    for (;;) {
      const view = (await (await fetch(status)).json()) as { kind: string };
      if (view.kind === 'paid') break;
      if (performance.now() - paidAt > 30_000) throw new Error(`${order.reference} was not paid within 30 s`);
      await sleep(20);
    }
    floorMs.push(performance.now() - paidAt);
  }

  const server = stats(serverMs);
  const shown = stats(shownMs);
  const floor = stats(floorMs);
  printColumns(
    ['measure', 'median', 'p99', 'floor median', 'floor p99'],
    [
      ['payment page, server time (ms)', String(server.median), String(server.p99), '', ''],
      ['payment page HTML (bytes)', fmt(stats(htmlBytes).median), fmt(stats(htmlBytes).p99), '', ''],
      [`first visit, ${resources.length} files (bytes)`, fmt(transferred), '', '', ''],
      ['first visit, gzipped by a proxy (bytes)', fmt(transferredGzip), '', '', ''],
      ['webhook answer → "paid ✓" shown (ms)', String(shown.median), String(shown.p99), String(floor.median), String(floor.p99)],
    ],
  );
  say(`heaviest files: ${heaviest.map((file) => `${new URL(file.url).pathname} ${fmt(file.bytes)} (${fmt(file.gzip)} gzipped)`).join(', ')}`);
  const targets: TargetCheck[] = [
    {
      target: `"paid ✓" shown within about a second of the webhook's answer (median ≤ ${TARGET_PAID_MS} ms)`,
      measured: `${shown.median} ms`,
      pass: shown.median <= TARGET_PAID_MS,
    },
  ];
  printTargets(targets);
  writeResults('pay', {
    machine: { ...machineInfo(), loadAverage: loadAverage() },
    orders: count,
    serverMs: server,
    htmlBytes: stats(htmlBytes),
    transferredBytes: transferred,
    transferredGzipBytes: transferredGzip,
    heaviest,
    shownMs: shown,
    floorMs: floor,
    targets,
  });
  return 0;
}

runBench(main);
