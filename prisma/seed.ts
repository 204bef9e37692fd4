import { createUser, countUsers } from '@/lib/auth/users';
import { db } from '@/lib/db';
import { storeAcceptedDelivery, storeRejectedDelivery } from '@/lib/intake/store-delivery';
import { parseDelivery, redactBody } from '@/lib/moota/payload';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { expireOrders } from '@/lib/orders/close-orders';
import { DEMO_USERS } from '@/lib/sandbox/demo';
import { createMootaGenerator, type MootaMutationJson } from '@/lib/sandbox/moota-generator';

const DAYS = 30;
const HOUR = 3_600_000;
const CUSTOMERS = ['Budi Santoso', 'Siti Aminah', 'Andi Wijaya', 'Dewi Lestari', 'Rina Kurnia', 'Agus Salim', 'Putri Maharani', 'Joko Susilo'];

/**
 * First start of the demo: two people to sign in as, a month of orders and of realistic mutations
 * stored and matched the way webhooks are (same generator as `npm run simulate`), transfers left
 * for finance to reconcile, and a few refused webhook calls. Returns what it did, or null.
 */
export async function seedDemoData(now = new Date()): Promise<string | null> {
  if ((await countUsers()) > 0 || (await db().delivery.count()) > 0) return null;
  for (const user of DEMO_USERS) await createUser(user);

  const generator = createMootaGenerator({ seed: 20261128, now });
  // Today's part of the day has not all happened yet.
  const past = (time: number) => new Date(Math.min(time, now.getTime() - 60_000));
  let orderNumber = 1000;
  let mutations = 0;
  for (let day = DAYS - 1; day >= 0; day--) {
    const dayStart = now.getTime() - day * 24 * HOUR - 8 * HOUR;
    const batch: MootaMutationJson[] = [];
    const orders = 3 + ((day * 5) % 6);
    for (let i = 0; i < orders; i++) {
      const createdAt = new Date(dayStart + i * 50 * 60_000);
      const amount = BigInt(25_000 * (2 + ((day + i * 7) % 30)));
      const reference = `INV-${++orderNumber}`;
      const uniqueCode = 1 + (orderNumber % 999);
      const stillOpen = day === 0 && i % 2 === 1;
      await db().order.create({
        data: {
          reference,
          referenceKey: reference,
          customerName: CUSTOMERS[(day + i) % CUSTOMERS.length],
          amount,
          uniqueCode,
          payableAmount: amount + BigInt(uniqueCode),
          source: i % 3 === 0 ? 'dashboard' : 'api',
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 24 * HOUR),
        },
      });
      if (stillOpen) continue;
      const paidAt = past(createdAt.getTime() + (10 + i * 7) * 60_000);
      if (i === 2 && day % 4 === 1) {
        batch.push(generator.mutation({ amount: amount - 5_000n, date: paidAt, description: `TRSF E-BANKING CR ${reference} KURANG` }));
      } else {
        batch.push(generator.mutation({ amount: amount + BigInt(uniqueCode), date: paidAt, type: 'CR' }));
      }
    }
    batch.push(generator.mutation({ type: 'DB', date: past(dayStart + 9 * HOUR) }));
    if (day % 3 === 0)
      batch.push(
        generator.mutation({ type: 'CR', amount: 1_000_000n + BigInt(day), date: past(dayStart + 10 * HOUR), description: 'SETORAN TUNAI' }),
      );
    mutations += await storeAsDelivered(batch, past(dayStart + 11 * HOUR));
  }

  await expireOrders(now);
  await backdateMatches();

  const refused = JSON.stringify([generator.mutation({ type: 'CR' })]);
  for (const [reason, address] of [
    ['the Signature header does not match the body', '103.236.201.178'],
    ['address 198.51.100.23 is not in the allowlist', '198.51.100.23'],
  ] as const) {
    await storeRejectedDelivery(
      {
        receivedAt: new Date(now.getTime() - 2 * HOUR),
        sourceAddress: address,
        headers: { 'user-agent': 'MootaBot/1.5' },
        bodyBytes: refused.length,
      },
      {
        httpStatus: reason.startsWith('address') ? 403 : 401,
        reason,
        signature: reason.startsWith('address') ? 'unchecked' : 'invalid',
        bodyExcerpt: reason.startsWith('address') ? '' : redactBody(refused),
      },
    );
  }
  return `Seeded demo data: ${DEMO_USERS.length} users, ${orderNumber - 1000} orders, ${mutations} mutations over ${DAYS} days`;
}

async function storeAsDelivered(batch: MootaMutationJson[], receivedAt: Date): Promise<number> {
  const body = JSON.stringify(batch);
  const parsed = parseDelivery(JSON.parse(body));
  if (!parsed.ok) throw new Error(`the demo generator made an invalid delivery: ${parsed.error}`);
  await storeAcceptedDelivery(
    { receivedAt, sourceAddress: '103.236.201.178', headers: { 'user-agent': 'MootaBot/1.5 (demo seed)' }, bodyBytes: Buffer.byteLength(body) },
    redactBody(body),
    parsed.mutations,
  );
  const stored = await db().mutation.findMany({ where: { mootaId: { in: parsed.mutations.map((m) => m.mootaId) } }, select: { id: true } });
  for (const [id, result] of await processMutations(stored.map(({ id }) => id))) {
    if (typeof result === 'object') throw new Error(`the demo could not process mutation ${id}`, { cause: result.failed });
  }
  return stored.length;
}

/**
 * The seed matches a month of transfers in one go at start-up; move each match, and each order's
 * payment time, to just after its transfer so the reports look like a month of real use.
 */
async function backdateMatches() {
  await db().$executeRaw`UPDATE mutations SET received_at = occurred_at + interval '1 minute'`;
  await db().$executeRaw`
    UPDATE orders o SET paid_at = m.received_at + interval '1 minute'
    FROM payments p JOIN mutations m ON m.id = p.mutation_id
    WHERE p.order_id = o.id AND p.undone_at IS NULL`;
  await db().$executeRaw`UPDATE payments p SET created_at = m.received_at + interval '1 minute' FROM mutations m WHERE m.id = p.mutation_id`;
  await db().$executeRaw`
    UPDATE history h SET created_at = m.received_at + interval '1 minute'
    FROM mutations m WHERE m.id = h.mutation_id`;
}
