import { createMootaApi, type MootaApi } from '@/lib/moota/api';
import type { MootaConnection } from '@/lib/moota/connection';
import type { MootaSource } from '@/lib/sync/run-sync';

/** Moota's API as the sync reads it. */
export function mootaSource(connection: MootaConnection, api: MootaApi = createMootaApi(connection)): MootaSource {
  return {
    host: new URL(connection.baseUrl).host,
    accounts: () => api.accounts(),
    mutationPage: (query) => api.mutationPage(query),
  };
}
