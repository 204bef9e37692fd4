/**
 * The smallest correct Moota receiver we can think of, as a yardstick for Cocok's webhook: plain
 * node:http and pg, the signature checked in constant time, and the same rows stored in one
 * transaction (a deliveries row, the mutations deduplicated on moota_id; no job row).
 *
 * Run: REFERENCE_DATABASE_URL=… REFERENCE_PORT=3998 MOOTA_WEBHOOK_SECRET=… tsx bench/reference-receiver.ts
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { uuidv7 } from '@/lib/ids';
import { parseMachineAmount } from '@/lib/money';
import { parseJakartaDateTime } from '@/lib/time/jakarta';

const MAX_BODY_BYTES = 1024 * 1024;

function signatureMatches(body: Buffer, header: string | undefined, secret: string): boolean {
  if (!header || !/^[0-9a-f]{64}$/i.test(header)) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(header, 'hex'));
}

type Json = Record<string, unknown>;

const asObject = (value: unknown): Json | null => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const text = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const redact = (value: unknown): string => JSON.stringify(value, (key, item: unknown) => (key === 'meta' ? '[redacted]' : item));

const MUTATION_COLUMNS = [
  'id',
  'moota_id',
  'delivery_id',
  'bank_id',
  'bank_type',
  'bank_label',
  'account_number',
  'account_holder',
  'type',
  'amount',
  'balance',
  'description',
  'note',
  'occurred_at',
  'payment_order_id',
  'taggings',
];

function mutationRow(item: unknown, deliveryId: string): unknown[] {
  const mutation = asObject(item);
  if (!mutation) throw new TypeError('every mutation must be an object');
  const bank = asObject(mutation.bank);
  const type = mutation.type;
  if (type !== 'CR' && type !== 'DB') throw new TypeError(`type must be CR or DB, got ${String(type)}`);
  if (typeof mutation.mutation_id !== 'string' || mutation.mutation_id === '') throw new TypeError('mutation_id is required');
  return [
    uuidv7(),
    mutation.mutation_id,
    deliveryId,
    text(mutation.bank_id ?? bank?.bank_id) ?? '',
    text(bank?.bank_type),
    text(bank?.label),
    String(mutation.account_number),
    text(bank?.atas_nama),
    type,
    parseMachineAmount(mutation.amount).toString(),
    mutation.balance === null || mutation.balance === undefined ? null : parseMachineAmount(mutation.balance).toString(),
    String(mutation.description ?? ''),
    text(mutation.note),
    parseJakartaDateTime(String(mutation.date)),
    text(asObject(mutation.payment_detail)?.order_id),
    JSON.stringify(mutation.taggings ?? []),
  ];
}

async function store(pool: pg.Pool, request: http.IncomingMessage, body: Buffer, items: unknown[]) {
  const deliveryId = uuidv7();
  const rows = items.map((item) => mutationRow(item, deliveryId));
  const placeholders = rows.map((row, r) => `(${row.map((_, c) => `$${r * row.length + c + 1}`).join(', ')})`).join(', ');

  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO deliveries (id, source_address, http_status, outcome, signature, headers, body, body_bytes)
       VALUES ($1, $2, 200, 'accepted', 'valid', $3, $4, $5)`,
      [deliveryId, request.socket.remoteAddress ?? 'unknown', JSON.stringify(request.headers), redact(items), body.byteLength],
    );
    const inserted = await client.query(
      `INSERT INTO mutations (${MUTATION_COLUMNS.join(', ')}) VALUES ${placeholders} ON CONFLICT (moota_id) DO NOTHING`,
      rows.flat(),
    );
    const accepted = inserted.rowCount ?? 0;
    const duplicates = rows.length - accepted;
    await client.query('UPDATE deliveries SET accepted = $2, duplicates = $3 WHERE id = $1', [deliveryId, accepted, duplicates]);
    await client.query('COMMIT');
    return { deliveryId, accepted, duplicates };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export function createReferenceReceiver(options: { databaseUrl: string; secret: string }) {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 20 });
  const answer = (response: http.ServerResponse, status: number, json: Json) => {
    response.writeHead(status, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(json));
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_BODY_BYTES) {
        answer(response, 413, { status: 'rejected', error: 'body too large' });
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', async () => {
      const body = Buffer.concat(chunks, size);
      const signature = request.headers.signature;
      if (!signatureMatches(body, Array.isArray(signature) ? signature[0] : signature, options.secret)) {
        return answer(response, 401, { status: 'rejected', error: 'bad signature' });
      }
      let items: unknown;
      try {
        items = JSON.parse(body.toString('utf8'));
      } catch {
        return answer(response, 400, { status: 'rejected', error: 'body is not JSON' });
      }
      if (!Array.isArray(items) || items.length === 0) {
        return answer(response, 400, { status: 'rejected', error: 'body must be a non-empty JSON array' });
      }
      try {
        const stored = await store(pool, request, body, items);
        answer(response, 200, { status: 'received', delivery_id: stored.deliveryId, accepted: stored.accepted, duplicates: stored.duplicates });
      } catch (error) {
        if (error instanceof TypeError || error instanceof RangeError || (error as Error).name === 'DomainError') {
          return answer(response, 400, { status: 'rejected', error: (error as Error).message });
        }
        console.error('reference: could not store the delivery', error);
        answer(response, 503, { status: 'error', error: 'could not store the delivery' });
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  return {
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { REFERENCE_DATABASE_URL: databaseUrl, REFERENCE_PORT: port, MOOTA_WEBHOOK_SECRET: secret } = process.env;
  if (!databaseUrl || !port || !secret) {
    console.error('Set REFERENCE_DATABASE_URL, REFERENCE_PORT and MOOTA_WEBHOOK_SECRET.');
    process.exit(2);
  }
  const receiver = createReferenceReceiver({ databaseUrl, secret });
  receiver.server.listen(Number(port), '127.0.0.1', () => console.log(`reference receiver ready on 127.0.0.1:${port}`));
  const stop = () => void receiver.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
