import { DomainError } from '@/lib/errors';
import type { MootaConnection } from '@/lib/moota/connection';
import type { MootaSource } from '@/lib/sync/run-sync';

// Replaced by the adapter over lib/moota/api.ts when the API client lands (same commit series).
export function mootaSource(connection: MootaConnection): MootaSource {
  const unavailable = () => Promise.reject(new DomainError('invalid', 'mootaNotConnected'));
  return { host: new URL(connection.baseUrl).host, accounts: unavailable, mutationPage: unavailable };
}
