/** The in-memory floor: the worker's decisions on the same orders and credits, without a database. */
import pg from 'pg';
import { MUTATION_COLUMNS, mutationFromRow, ORDER_COLUMNS, orderFromRow, type MutationRow, type OrderRow } from '@/lib/reconcile/store';
import { decideMatch, mutationReferenceTokens, type MatchSettings, type MutationFacts, type OrderFacts } from '@/lib/reconcile/decide';
import { fmt, loadAverage, say } from '../lib/basics';
import { wholeTreeCpuMs } from '../lib/cpu';
import { settleDatabase } from './load';

const FLOOR_PASSES = 3;

/** The open orders and waiting credits, read the way the worker reads them. */
async function loadFacts(sql: pg.Client): Promise<{ orders: OrderFacts[]; mutations: MutationFacts[] }> {
  const orders = await sql.query<OrderRow>(`SELECT ${ORDER_COLUMNS} FROM orders WHERE status = 'pending'`);
  const mutations = await sql.query<MutationRow>(`SELECT ${MUTATION_COLUMNS} FROM mutations WHERE processing = 'received' ORDER BY id`);
  return { orders: orders.rows.map(orderFromRow), mutations: mutations.rows.map(mutationFromRow) };
}

/**
 * One pass over the credits, as the worker does it but without a database: the open orders
 * whose payable amount is within tolerance (a Map by amount, like the database's index), plus
 * those a VA order id or a word of the text names (a Map by reference key), then `decideMatch`.
 * A matched order stops being open. The Maps are built before the clock starts, as an index is.
 */
function floorPass(source: readonly OrderFacts[], mutations: readonly MutationFacts[], settings: MatchSettings) {
  const orders = source.map((order) => ({ ...order }));
  const byId = new Map(orders.map((order) => [order.id, order]));
  const byAmount = new Map<bigint, OrderFacts[]>();
  const byKey = new Map<string, OrderFacts>();
  for (const order of orders) {
    const same = byAmount.get(order.payableAmount);
    if (same) same.push(order);
    else byAmount.set(order.payableAmount, [order]);
    byKey.set(order.reference.toUpperCase(), order);
  }
  const exactAmounts = settings.underpaidTolerance === 0n && settings.overpaidTolerance === 0n;
  let matched = 0;
  const started = performance.now();
  for (const mutation of mutations) {
    const candidates: OrderFacts[] = [];
    if (exactAmounts) {
      for (const order of byAmount.get(mutation.amount) ?? []) if (order.status === 'pending') candidates.push(order);
    } else {
      for (let amount = mutation.amount - settings.overpaidTolerance; amount <= mutation.amount + settings.underpaidTolerance; amount++) {
        for (const order of byAmount.get(amount) ?? []) if (order.status === 'pending') candidates.push(order);
      }
    }
    const keys = mutationReferenceTokens(mutation);
    if (mutation.paymentOrderId) keys.push(mutation.paymentOrderId.trim().toUpperCase());
    for (const key of keys) {
      const order = byKey.get(key);
      if (order?.status === 'pending') candidates.push(order);
    }
    const decision = decideMatch(mutation, candidates, settings);
    if (decision.kind === 'matched') {
      byId.get(decision.orderId)!.status = decision.orderStatus;
      matched += 1;
    }
  }
  const ms = performance.now() - started;
  return { ms, matched, perSecond: mutations.length / (ms / 1000) };
}

/**
 * The waiting credits against the open orders in memory, on a quiet database: a warm-up pass,
 * then the timed ones, of which the best is the floor (what the machine can do when nothing
 * else gets in the way).
 */
export async function measureFloor(sql: pg.Client, settings: MatchSettings, credits: number, postmasterPid: number | null) {
  const facts = await loadFacts(sql);
  await settleDatabase(sql);
  say(
    `In-memory floor over ${fmt(facts.mutations.length)} credits and ${fmt(facts.orders.length)} orders (a warm-up pass, then ${FLOOR_PASSES} timed ones)…`,
  );
  floorPass(facts.orders, facts.mutations, settings);
  const postgresBefore = wholeTreeCpuMs(postmasterPid);
  const passes = Array.from({ length: FLOOR_PASSES }, () => floorPass(facts.orders, facts.mutations, settings));
  const postgresDuring = wholeTreeCpuMs(postmasterPid) - postgresBefore;
  for (const pass of passes) {
    if (pass.matched !== credits) throw new Error(`the in-memory pass matched ${pass.matched} of ${credits} credits`);
  }
  const floor = passes.reduce((best, pass) => (pass.ms < best.ms ? pass : best));
  say(
    `In-memory floor: ${fmt(floor.perSecond)} credits/s (best pass ${floor.ms.toFixed(0)} ms; passes ${passes.map((pass) => pass.ms.toFixed(0)).join(', ')} ms; ` +
      `PostgreSQL used ${postgresDuring.toFixed(0)} ms of CPU meanwhile, load ${loadAverage()[0]})`,
  );
  return { floor, passes };
}
