import { execFileSync } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type APIRequestContext, type Page, type TestInfo } from '@playwright/test';
import { signBody } from '@/lib/moota/signature';
import type { OrderJson } from '@/lib/orders/order-json';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { DEMO_WEBHOOK_SECRET } from '@/lib/sandbox/demo';
import { createMootaGenerator, type MootaMutationJson, type MutationOverrides } from '@/lib/sandbox/moota-generator';

export type TestRole = 'owner' | 'finance' | 'viewer';

export const storageStateOf = (role: TestRole) => `test-results/.auth/${role}.json`;

export const test = base.extend<{ signedInAs: TestRole | null }>({
  signedInAs: [null, { option: true }],
  storageState: async ({ signedInAs }, use) => {
    await use(signedInAs ? storageStateOf(signedInAs) : { cookies: [], origins: [] });
  },
});

export { expect };

/** Fails on serious or critical accessibility problems, listing them. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Keeps a picture of the page as a test artifact. */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string) {
  const path = `test-results/screenshots/${name}.png`;
  await page.screenshot({ path, fullPage: true });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

const generator = createMootaGenerator();

/** Posts a signed delivery the way Moota does, with the demo secret the e2e server runs with. */
export async function sendDelivery(
  request: APIRequestContext,
  mutations: MutationOverrides[],
  reshape: (mutation: MootaMutationJson) => MootaMutationJson = (mutation) => mutation,
) {
  // A credit unless a test asks for a debit: the generator alone draws a debit now and then.
  const list = mutations.map((overrides) => reshape(generator.mutation({ type: 'CR', ...overrides })));
  const body = JSON.stringify(list);
  const response = await request.post('/api/webhook', {
    data: body,
    headers: { 'content-type': 'application/json', 'user-agent': 'MootaBot/1.5', signature: signBody(body, DEMO_WEBHOOK_SECRET) },
  });
  expect(response.status()).toBe(200);
  return { mutations: list, answer: (await response.json()) as { accepted: number; delivery_id: string } };
}

/** Creates orders through the store's order API, as the merchant's store does. */
export async function createOrders(request: APIRequestContext, orders: { reference: string; amount: number }[]): Promise<OrderJson[]> {
  const made: OrderJson[] = [];
  for (const order of orders) {
    const response = await request.post('/api/orders', { data: order, headers: { authorization: `Bearer ${process.env.E2E_STORE_API_KEY}` } });
    expect(response.status(), await response.text()).toBe(201);
    made.push((await response.json()) as OrderJson);
  }
  return made;
}

/** Runs `npm run simulate` (the sandbox anyone can use without a Moota account) against the e2e server. */
export function simulate(baseURL: string, args: string[]): string {
  return execFileSync(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/simulate.ts', '--url', `${baseURL}/api/webhook`, ...args], {
    encoding: 'utf8',
  });
}
