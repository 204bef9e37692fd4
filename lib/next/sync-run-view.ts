import { translateStoredError } from '@/lib/next/action';
import type { SyncRunPage, SyncRunRow } from '@/lib/queries/sync-runs';

/** A sync run as the dashboard shows it: its failure already in the visitor's language. */
export type SyncRunView = SyncRunRow & { errorMessage: string | null };

export interface SyncRunViewPage {
  items: SyncRunView[];
  nextCursor: string | null;
}

export async function syncRunView(run: SyncRunRow): Promise<SyncRunView> {
  return { ...run, errorMessage: run.error ? await translateStoredError(run.error) : null };
}

export async function syncRunViewPage(page: SyncRunPage): Promise<SyncRunViewPage> {
  return { items: await Promise.all(page.items.map(syncRunView)), nextCursor: page.nextCursor };
}
