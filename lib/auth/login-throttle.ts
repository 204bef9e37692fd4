import { inTransaction, type Transaction } from '@/lib/db';

export const LOGIN_WINDOW_MS = 15 * 60_000;
/** Failures for one email before each further try must wait. */
export const FREE_FAILURES_PER_EMAIL = 5;
export const FIRST_BACKOFF_MS = 30_000;
export const MAX_BACKOFF_MS = 15 * 60_000;
/** Failures from one address (across every email) before it must wait out the window. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/** How long an address where an email signed in stays known to that email. */
export const KNOWN_ADDRESS_MS = 30 * 24 * 60 * 60_000;

/** What the recent failures are, as the throttle counts them. */
export interface RecentFailures {
  byAddress: number;
  /** For an address known to this email, only the failures from here; otherwise from everywhere. */
  byEmail: number;
  lastEmailFailureAt: Date | null;
  oldestAddressFailureAt: Date | null;
}

export type AttemptDecision = { allowed: true } | { allowed: false; retryAt: Date };

/** How long after the last failure the next try must wait: nothing for the first few, then doubling up to a cap. */
export function backoffMs(failures: number): number {
  if (failures < FREE_FAILURES_PER_EMAIL) return 0;
  return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** Math.min(failures - FREE_FAILURES_PER_EMAIL, 30));
}

export function decideAttempt(failures: RecentFailures, now: Date): AttemptDecision {
  const waits: Date[] = [];
  if (failures.byAddress >= MAX_FAILURES_PER_ADDRESS && failures.oldestAddressFailureAt) {
    waits.push(new Date(failures.oldestAddressFailureAt.getTime() + LOGIN_WINDOW_MS));
  }
  const backoff = backoffMs(failures.byEmail);
  if (backoff > 0 && failures.lastEmailFailureAt) waits.push(new Date(failures.lastEmailFailureAt.getTime() + backoff));
  const retryAt = waits.filter((at) => at > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return retryAt ? { allowed: false, retryAt } : { allowed: true };
}

/** Two lock spaces, so that an email and an address with the same text never share a lock. */
const EMAIL_LOCK = 1_668_246_881;
const ADDRESS_LOCK = 1_668_246_882;

async function lockAttempts(tx: Transaction, email: string, address: string): Promise<void> {
  // Always email first, then address: every sign-in takes them in that order, so none wait on each other in a circle.
  await tx.executeSql('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))', [EMAIL_LOCK, email]);
  await tx.executeSql('SELECT 1 AS locked FROM pg_advisory_xact_lock($1::int, hashtext($2))', [ADDRESS_LOCK, address]);
}

const RECENT_FAILURES = `
  SELECT
    count(*) FILTER (WHERE address = $2)::int AS "byAddress",
    min(created_at) FILTER (WHERE address = $2) AS "oldestAddressFailureAt",
    count(*) FILTER (WHERE email = $1 AND (NOT k.known OR address = $2))::int AS "byEmail",
    max(created_at) FILTER (WHERE email = $1 AND (NOT k.known OR address = $2)) AS "lastEmailFailureAt"
  FROM login_attempts
  CROSS JOIN (SELECT EXISTS (SELECT 1 FROM sign_in_addresses WHERE email = $1 AND address = $2 AND last_signed_in_at > $4) AS known) k
  WHERE (email = $1 OR address = $2) AND created_at > $3`;

/**
 * Decides whether this try may check a password and, if so, counts it as a failure before the
 * check: under the locks, parallel guesses see each other's tries, so no more get through than
 * the limits allow. A try that then succeeds takes its count back (`recordSignIn`).
 */
export async function reserveAttempt(
  email: string,
  address: string,
  now = new Date(),
): Promise<{ allowed: true; attemptId: string } | { allowed: false; retryAt: Date }> {
  return inTransaction(async (tx) => {
    await lockAttempts(tx, email, address);
    const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const knownSince = new Date(now.getTime() - KNOWN_ADDRESS_MS);
    const { rows } = await tx.executeSql(RECENT_FAILURES, [email, address, windowStart, knownSince]);
    const decision = decideAttempt(rows[0] as RecentFailures, now);
    if (!decision.allowed) return decision;
    const attempt = await tx.loginAttempt.create({ data: { email, address, createdAt: now }, select: { id: true } });
    return { allowed: true, attemptId: attempt.id };
  });
}

/** The right password: this try is not a failure, the address is known to the email, and its failures from here are forgiven. */
export async function recordSignIn(attemptId: string, email: string, address: string, now = new Date()): Promise<void> {
  await inTransaction(async (tx) => {
    await tx.loginAttempt.deleteMany({ where: { OR: [{ id: attemptId }, { email, address }] } });
    await tx.signInAddress.upsert({
      where: { email_address: { email, address } },
      create: { email, address, lastSignedInAt: now },
      update: { lastSignedInAt: now },
    });
  });
}
