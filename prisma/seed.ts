import { db } from '@/lib/db';
import { storeAcceptedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery, redactBody } from '@/lib/moota/payload';
import { createMootaGenerator } from '@/lib/sandbox/moota-generator';

const DAYS = 30;

/**
 * First start of the demo: a month of realistic mutations, stored the way a webhook stores them
 * (same generator as `npm run simulate` and the browser tests). Returns what it did, or null.
 */
export async function seedDemoData(now = new Date()): Promise<string | null> {
  if ((await db().delivery.count()) > 0) return null;
  const generator = createMootaGenerator({ seed: 20261128 });
  let mutations = 0;
  for (let day = DAYS - 1; day >= 0; day--) {
    const perDay = 4 + ((day * 7) % 9);
    const dayStart = now.getTime() - day * 86_400_000 - 10 * 3_600_000;
    const batch = Array.from({ length: perDay }, (_, i) =>
      generator.mutation({ date: new Date(dayStart + i * 37 * 60_000), type: i % 4 === 3 ? 'DB' : 'CR' }),
    );
    const body = JSON.stringify(batch);
    const parsed = parseDelivery(JSON.parse(body));
    if (!parsed.ok) throw new Error(`demo generator made an invalid delivery: ${parsed.error}`);
    await storeAcceptedDelivery(
      { receivedAt: new Date(dayStart + perDay * 37 * 60_000), sourceAddress: 'demo-seed', headers: { 'user-agent': 'cocok-demo-seed' }, bodyBytes: Buffer.byteLength(body) },
      redactBody(body),
      parsed.mutations,
    );
    mutations += parsed.mutations.length;
  }
  return `Seeded demo data: ${mutations} mutations over the last ${DAYS} days`;
}
