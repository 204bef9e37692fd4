import packageJson from '@/package.json' with { type: 'json' };
import { db, inTransaction, type Db, type Transaction } from '@/lib/db';
import { loadSettings } from '@/lib/settings/store';
import { signCallback } from '@/lib/store-callback/signature';

const TIMEOUT_MS = 10_000;
const RESPONSE_EXCERPT_CHARS = 1000;
const USER_AGENT = `Cocok/${(packageJson as { version?: string }).version ?? '1.0'}`;

interface AttemptOutcome {
  httpStatus: number | null;
  error: string | null;
  response: string | null;
}

/**
 * POSTs a stored callback to the store's URL once, signed at the time of sending, and records
 * the attempt. Throws when the store did not accept it, so the job queue retries later.
 */
export async function deliverStoreCallback(callbackId: string): Promise<'delivered' | 'already-delivered'> {
  const callback = await db().storeCallback.findUnique({ where: { id: callbackId } });
  if (!callback) throw new Error(`store callback ${callbackId} does not exist`);
  if (callback.state === 'delivered') return 'already-delivered';

  const target = (await loadSettings()).storeCallback;
  if (!target) {
    const error = 'no store callback URL and secret are configured';
    await attempt(db(), callbackId, '', 0, { httpStatus: null, error, response: null });
    throw new Error(error);
  }

  const body = JSON.stringify(callback.payload);
  const started = performance.now();
  let outcome: AttemptOutcome;
  try {
    const response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': USER_AGENT,
        'X-Cocok-Event': callback.event,
        'X-Cocok-Event-Id': callback.id,
        'X-Cocok-Signature': signCallback(body, target.secret, Math.floor(Date.now() / 1000)),
      },
      body,
      // Following a 301/302 would resend the event as a GET without its body.
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const excerpt = await readExcerpt(response).catch(() => null);
    outcome = {
      httpStatus: response.status,
      error: response.ok ? null : `the store answered HTTP ${response.status}`,
      response: excerpt,
    };
  } catch (error) {
    outcome = { httpStatus: null, error: describeFetchError(error), response: null };
  }
  const durationMs = Math.round(performance.now() - started);

  if (outcome.error === null) {
    await inTransaction(async (tx) => {
      await attempt(tx, callbackId, target.url, durationMs, outcome);
      await tx.storeCallback.update({ where: { id: callbackId }, data: { state: 'delivered', deliveredAt: new Date() } });
    });
    return 'delivered';
  }
  await attempt(db(), callbackId, target.url, durationMs, outcome);
  throw new Error(`store callback ${callbackId} to ${target.url}: ${outcome.error}`);
}

/** The queue gave up retrying; the callback waits for a person, its attempts show why. */
export async function markStoreCallbackFailed(callbackId: string, reason: string): Promise<void> {
  const { count } = await db().storeCallback.updateMany({
    where: { id: callbackId, state: 'pending' },
    data: { state: 'failed' },
  });
  if (count > 0) console.error(`store callback ${callbackId} failed: ${reason}`);
}

function attempt(client: Db | Transaction, callbackId: string, url: string, durationMs: number, outcome: AttemptOutcome) {
  return client.callbackAttempt.create({ data: { callbackId, url, durationMs, ...outcome } });
}

/** The start of the response body, without reading more of a large one than needed. */
async function readExcerpt(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (text.length < RESPONSE_EXCERPT_CHARS) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  } finally {
    await reader.cancel().catch(() => {});
  }
  return text.slice(0, RESPONSE_EXCERPT_CHARS);
}

function describeFetchError(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') return `no answer within ${TIMEOUT_MS / 1000} s`;
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return (cause ? `${error.message}: ${cause}` : error.message).slice(0, 2000);
}
