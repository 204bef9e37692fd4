import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signBody } from '@/lib/moota/signature';
import { PEER_ADDRESS_HEADER } from '@/lib/intake/delivery-call';

export const TEST_SECRET = 'cocok-test-secret';
export const MOOTA_ADDRESS = '103.236.201.178';

export function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, '../../lib/moota/__fixtures__', `${name}.json`), 'utf8');
}

export interface WebhookCall {
  body: string;
  secret?: string | null;
  signature?: string;
  peer?: string;
  headers?: Record<string, string>;
}

/** A request exactly as our HTTP server hands it to the route: socket address in its header. */
export function webhookRequest({ body, secret = TEST_SECRET, signature, peer = MOOTA_ADDRESS, headers = {} }: WebhookCall): Request {
  const all: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'MootaBot/1.5',
    [PEER_ADDRESS_HEADER]: peer,
    ...headers,
  };
  const sig = signature ?? (secret ? signBody(body, secret) : undefined);
  if (sig !== undefined) all.signature = sig;
  return new Request('http://localhost/api/webhook', { method: 'POST', headers: all, body });
}
