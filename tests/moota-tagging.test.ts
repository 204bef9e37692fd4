import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { db } from '@/lib/db';
import { QUEUES, type MootaTagJob } from '@/lib/jobs/queue';
import { createOrder } from '@/lib/orders/create-order';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { saveSettings } from '@/lib/settings/store';
import { resetDatabase } from '@/tests/support/database';
import { fakeMutations, startFakeMoota, type FakeMoota } from '@/tests/support/fake-moota';
import { receiveTransfers } from '@/tests/support/mutations';

const TOKEN = 'fake-moota-token-for-tagging-0123';
let fake: FakeMoota;

beforeEach(async () => {
  await resetDatabase();
  fake = await startFakeMoota({ token: TOKEN, mutations: fakeMutations({ count: 1 }) });
  vi.stubEnv('MOOTA_API_URL', fake.url);
  vi.stubEnv('MOOTA_API_TOKEN', TOKEN);
  vi.resetModules();
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await fake.close();
});

const tagJobs = async () =>
  (await db().$queryRawUnsafe<{ data: MootaTagJob }[]>(`SELECT data FROM pgboss.job WHERE name = $1 ORDER BY created_on`, QUEUES.mootaTag)).map(
    (row) => row.data,
  );

async function payAnOrder(mootaId: string) {
  const { order } = await createOrder({ reference: 'INV-TAG-1', amount: 150_000 }, 'api', 'test');
  const [id] = await receiveTransfers({ amount: order.payableAmount, mootaId });
  await processMutations([id!]);
  return order;
}

test('off by default: a match tags nothing at Moota', async () => {
  await payAnOrder(String(fake.mutations()[0]!.mutation_id));
  expect(await db().order.findFirstOrThrow({ where: { reference: 'INV-TAG-1' } })).toMatchObject({ status: 'paid' });
  expect(await tagJobs()).toEqual([]);
});

test('when asked for, a matched mutation is tagged at Moota with the order reference', async () => {
  await saveSettings({ mootaTagMatched: true }, 'owner@toko.test');
  const mootaId = String(fake.mutations()[0]!.mutation_id);
  await payAnOrder(mootaId);
  const jobs = await tagJobs();
  expect(jobs).toEqual([{ mootaId, names: ['INV-TAG-1', 'cocok'] }]);

  const { sendMatchTag } = await import('@/lib/moota/tagging');
  await sendMatchTag(jobs[0]!);
  expect(fake.mutations()[0]!.taggings.map((tag) => tag.name)).toEqual(expect.arrayContaining(['INV-TAG-1', 'cocok']));
  expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: `/tagging/mutation/${mootaId}` });
});
