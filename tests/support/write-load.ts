/**
 * Writes through the product's own code until SIGTERM, one round after another: three orders,
 * a delivery paying them (and one stray credit), its processing. Says "writing" after the
 * first rounds, and how many it finished when it stops.
 */
import { closeDatabase } from '@/lib/db';
import { createOrder } from '@/lib/orders/create-order';
import { processMutations } from '@/lib/reconcile/process-mutations';
import { receiveTransfers } from '@/tests/support/mutations';

let stopping = false;
process.on('SIGTERM', () => {
  stopping = true;
});

let rounds = 0;
while (!stopping) {
  const orders = await Promise.all(
    [0, 1, 2].map((i) => createOrder({ reference: `LOAD-${rounds}-${i}`, amount: 50_000 + i * 1_000 }, 'api', 'load')),
  );
  const ids = await receiveTransfers(...orders.map(({ order }) => ({ amount: order.payableAmount })), { amount: 1_234 });
  await processMutations(ids);
  rounds += 1;
  if (rounds === 5) console.log('writing');
}
console.log(`stopped after ${rounds} rounds`);
await closeDatabase();
process.exit(0);
