import { createHash, randomUUID } from 'node:crypto';
import { poolExecutor, type SqlExecutor } from '@/lib/db';

/**
 * How many changes the tables the polled dashboard reads and the live pages show have seen: the
 * sum of `dashboard_changes`, which statement triggers on mutations, orders, payments, deliveries,
 * settings, store callbacks and their attempts, and statement imports bump in the transaction of
 * each change.
 */
export async function changeCount(sql: SqlExecutor = poolExecutor()): Promise<bigint> {
  const { rows } = await sql.executeSql('SELECT coalesce(sum(changes), 0)::text AS changes FROM dashboard_changes', []);
  return BigInt((rows[0] as { changes: string }).changes);
}

/** Settings fixed by the environment, and this code, change only with a restart: a new process hands out new tags. */
const PROCESS = randomUUID();

/**
 * A weak entity tag for a read: the change count and whatever else changes its answer without a
 * write (the Jakarta day, the query's parameters), hashed.
 */
export function entityTag(changes: bigint, context: readonly string[]): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([PROCESS, String(changes), ...context]))
    .digest('base64url')
    .slice(0, 27);
  return `W/"${hash}"`;
}

/** Whether an If-None-Match header names `tag` (compared weakly, as RFC 9110 asks for If-None-Match). */
export function namesTag(ifNoneMatch: string | null, tag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (value: string) => value.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim() === '*' || opaque(candidate) === opaque(tag));
}

// The browser keeps the answer and asks again with its tag every time (`no-cache`); `private`
// keeps it out of shared caches.
const CACHE_HEADERS = { 'cache-control': 'private, no-cache' };

/**
 * Answers a polled read: 304 when the client's tag is still current, else the read's JSON with
 * its tag. The change count is read before the data, so a tag never claims more than its answer
 * holds: a change committed in between is in the answer and makes the next poll a 200 again.
 */
export async function answerPolledRead(
  request: Request,
  context: readonly string[],
  read: (tag: string) => Promise<unknown>,
  sql: SqlExecutor = poolExecutor(),
): Promise<Response> {
  const tag = entityTag(await changeCount(sql), context);
  const headers = { ...CACHE_HEADERS, etag: tag };
  if (namesTag(request.headers.get('if-none-match'), tag)) return new Response(null, { status: 304, headers });
  return Response.json(await read(tag), { headers });
}

const LIVE_PAGES = ['live-pages'];

/**
 * The version a live page was rendered at, read before the page's data for the same reason as in
 * answerPolledRead: a change committed while the page reads is in the page or makes it refresh.
 */
export async function liveVersion(sql: SqlExecutor = poolExecutor()): Promise<string> {
  return entityTag(await changeCount(sql), LIVE_PAGES);
}

/** The current version for a live page's poll: 304 while it is the one the browser keeps. */
export function answerLiveVersion(request: Request, sql: SqlExecutor = poolExecutor()): Promise<Response> {
  return answerPolledRead(request, LIVE_PAGES, async (version) => ({ version }), sql);
}
