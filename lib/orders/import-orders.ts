import { DomainError, type ErrorCode, type ErrorParams } from '@/lib/errors';
import type { CsvProblem, CsvRow } from '@/lib/orders/csv-import';
import { createOrder } from '@/lib/orders/create-order';

export interface ImportResult {
  line: number;
  reference: string;
  status: 'created' | 'existing' | 'failed';
  /** Why the row could not be saved, to show in the reader's language (`errors.<code>`). */
  error?: { code: ErrorCode; params: ErrorParams };
  /** Why a row that failed the file's own check failed. */
  problems?: CsvProblem[];
  uniqueCode?: number;
  payableAmount?: bigint;
}

/**
 * Creates the orders of parsed CSV rows one after another; rows with errors are reported as
 * failed. Importing a file again is safe: rows already imported come back as `existing`.
 */
export async function importOrders(
  rows: readonly CsvRow[],
  actor: string,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult[]> {
  const results: ImportResult[] = [];
  for (const row of rows) {
    results.push(await importRow(row, actor));
    onProgress?.(results.length, rows.length);
  }
  return results;
}

async function importRow(row: CsvRow, actor: string): Promise<ImportResult> {
  const base = { line: row.line, reference: row.values.reference ?? '' };
  if (row.errors.length > 0) return { ...base, status: 'failed', problems: row.errors };
  if (row.input === undefined) return { ...base, status: 'failed', error: { code: 'importRowUnchecked', params: {} } };
  try {
    const { order, created } = await createOrder(row.input, 'csv', actor);
    return {
      line: row.line,
      reference: order.reference,
      status: created ? 'created' : 'existing',
      uniqueCode: order.uniqueCode,
      payableAmount: order.payableAmount,
    };
  } catch (error) {
    if (error instanceof DomainError) return { ...base, status: 'failed', error: { code: error.code, params: error.params } };
    console.error('csv import: could not create an order', { line: row.line, reference: base.reference, error });
    return { ...base, status: 'failed', error: { code: 'importRowFailed', params: {} } };
  }
}
