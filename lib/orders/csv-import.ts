import type { z } from 'zod';
import { orderInputSchema } from '@/lib/orders/order-input';
import { DomainError, type ErrorCode, type ErrorParams } from '@/lib/errors';
import { parseTypedAmount } from '@/lib/money';
import { detectDelimiter, readCsvRecords, withoutBom, type CsvRecord } from '@/lib/csv/reader';

export const MAX_CSV_ROWS = 5000;

/** The columns a file may have, each under any of its names (compared after normalizeHeader). */
const COLUMNS = {
  reference: ['reference', 'referensi', 'order_id'],
  amount: ['amount', 'jumlah', 'nominal', 'total'],
  customer_name: ['customer_name', 'customer', 'nama', 'nama_pelanggan'],
  account_number: ['account_number', 'rekening', 'no_rekening'],
  expires_in_minutes: ['expires_in_minutes'],
} as const;

type Column = keyof typeof COLUMNS;

/** A value the order API refuses, by the new-order form's own message: `orders.form.errors.<field>`. */
export type OrderFieldError =
  | 'referenceRequired'
  | 'referenceLength'
  | 'referenceChars'
  | 'amountRequired'
  | 'amountPositive'
  | 'amountTooLarge'
  | 'customerTooLong'
  | 'accountDigits'
  | 'accountTooLong'
  | 'expiryInvalid'
  | 'textUnstorable';

/**
 * What is wrong with a row or the file, for the preview to say in the merchant's language: a
 * field's problem, or a problem of the file's own (`orders.import.errors.<code>` and its values).
 */
export type CsvProblem =
  | { field: OrderFieldError }
  | { code: 'fileEmpty' | 'noRows' | 'quoteNotClosed' }
  | { code: 'tooManyRows'; params: { max: number } }
  | { code: 'headerMissing'; params: { found: string } }
  | { code: 'columnTwice'; params: { column: Column; first: string; second: string } }
  | { code: 'columnMissing'; params: { column: Column; names: string } }
  | { code: 'quoteNeverClosed'; params: { line: number } }
  | { code: 'textAfterQuote'; params: { text: string } }
  | { code: 'tooManyValues'; params: { values: number; columns: number } }
  | { code: 'duplicateReference'; params: { reference: string; line: number } }
  /** An amount `parseTypedAmount` could not read: its message is under `errors.`. */
  | { amountError: { code: ErrorCode; params: ErrorParams } };

export interface CsvRow {
  /** The line of the file the row starts on; the header is line 1. */
  line: number;
  /** The row's text by column (reference, amount, customer_name, …), trimmed. */
  values: Record<string, string>;
  /** What to give createOrder, present only when the row has no errors. */
  input?: unknown;
  errors: CsvProblem[];
}

export interface ParsedCsv {
  rows: CsvRow[];
  /** Problems with the file as a whole; a file that has any should not be imported. */
  errors: CsvProblem[];
}

/**
 * Reads a CSV file of orders: RFC 4180 quoting, CRLF or LF, a byte order mark, and ",", ";" or a
 * tab between fields (Excel in Indonesian writes ";"). Each row is validated as the order API would.
 */
export function parseOrdersCsv(text: string): ParsedCsv {
  const content = withoutBom(text);
  const records = readCsvRecords(content, detectDelimiter(content));
  const header = records.next();
  if (header.done || header.value.fields.every((field) => field.trim() === '')) {
    return { rows: [], errors: [{ code: 'fileEmpty' }] };
  }
  const mapping = mapHeader(header.value.fields);
  if ('errors' in mapping) return { rows: [], errors: mapping.errors };

  const rows: CsvRow[] = [];
  const errors: CsvProblem[] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.fields.every((field) => field.trim() === '')) continue;
    if (rows.length === MAX_CSV_ROWS) {
      return { rows: [], errors: [{ code: 'tooManyRows', params: { max: MAX_CSV_ROWS } }] };
    }
    const row = toRow(record, mapping.columns, header.value.fields.length);
    const reference = row.values.reference?.toUpperCase();
    if (reference) {
      const earlier = seen.get(reference);
      if (earlier === undefined) seen.set(reference, row.line);
      else {
        row.errors.push({ code: 'duplicateReference', params: { reference: row.values.reference!, line: earlier } });
        delete row.input;
      }
    }
    if (record.unclosedQuote) errors.push({ code: 'quoteNeverClosed', params: { line: record.line } });
    rows.push(row);
  }
  if (rows.length === 0 && errors.length === 0) errors.push({ code: 'noRows' });
  return { rows, errors };
}

function toRow(record: CsvRecord, columns: Map<number, Column>, headerLength: number): CsvRow {
  const values: Record<string, string> = {};
  for (const [index, column] of columns) values[column] = record.fields[index]?.trim() ?? '';
  const errors: CsvProblem[] = [];
  if (record.error) errors.push(record.error);
  const extra = record.fields.slice(headerLength).filter((field) => field.trim() !== '');
  if (extra.length > 0) {
    errors.push({ code: 'tooManyValues', params: { values: record.fields.length, columns: headerLength } });
  }

  const reported = new Set<string>();
  const input: Record<string, unknown> = {
    reference: values.reference || undefined,
    customer_name: values.customer_name || null,
    account_number: values.account_number || null,
  };
  const amount = csvAmount(values.amount ?? '');
  if ('error' in amount) {
    errors.push(amount.error);
    reported.add('amount');
  } else input.amount = amount.amount;
  if (values.expires_in_minutes) {
    if (/^\d+$/.test(values.expires_in_minutes)) input.expires_in_minutes = Number(values.expires_in_minutes);
    else {
      errors.push({ field: 'expiryInvalid' });
      reported.add('expires_in_minutes');
    }
  }

  const parsed = orderInputSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) if (!reported.has(String(issue.path[0]))) errors.push(problemOf(issue));
  }
  return errors.length === 0 ? { line: record.line, values, input, errors } : { line: record.line, values, errors };
}

/** The order API's own check of a row (orderInputSchema), as the form's message for that field. */
function problemOf(issue: z.core.$ZodIssue): CsvProblem {
  if (issue.code === 'custom' && issue.params?.errorCode === 'textUnstorable') return { field: 'textUnstorable' };
  const tooLong = issue.code === 'too_big';
  switch (issue.path[0]) {
    case 'reference':
      if (tooLong || issue.code === 'too_small') return { field: 'referenceLength' };
      return { field: issue.code === 'invalid_format' ? 'referenceChars' : 'referenceRequired' };
    case 'amount':
      // csvAmount has already made the amount whole rupiah: only the schema's bounds are left.
      return { field: issue.message === 'amount is too large' ? 'amountTooLarge' : 'amountPositive' };
    case 'customer_name':
      return { field: 'customerTooLong' };
    case 'account_number':
      return { field: tooLong ? 'accountTooLong' : 'accountDigits' };
    default:
      return { field: 'expiryInvalid' };
  }
}

function normalizeHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

function mapHeader(fields: string[]): { columns: Map<number, Column> } | { errors: CsvProblem[] } {
  const columns = new Map<number, Column>();
  const found = new Map<Column, string>();
  const errors: CsvProblem[] = [];
  fields.forEach((field, index) => {
    const name = normalizeHeader(field);
    const column = (Object.keys(COLUMNS) as Column[]).find((key) => (COLUMNS[key] as readonly string[]).includes(name));
    if (!column) return;
    const earlier = found.get(column);
    if (earlier !== undefined) {
      errors.push({ code: 'columnTwice', params: { column, first: earlier, second: field.trim() } });
      return;
    }
    found.set(column, field.trim());
    columns.set(index, column);
  });
  if (found.size === 0) {
    return { errors: [{ code: 'headerMissing', params: { found: fields.map((f) => `"${f.trim()}"`).join(', ') } }] };
  }
  for (const required of ['reference', 'amount'] as const) {
    if (!found.has(required)) errors.push({ code: 'columnMissing', params: { column: required, names: COLUMNS[required].join(', ') } });
  }
  return errors.length > 0 ? { errors } : { columns };
}

/**
 * An amount as people type it in Indonesia: "150000", "150.000", "Rp 150.000", "Rp150.000,-",
 * "150.000,00"; "." separates thousands and "," starts the decimals, which must be zero.
 * Returns the whole rupiah as a plain decimal string for orderInputSchema.
 */
function csvAmount(text: string): { amount: string } | { error: CsvProblem } {
  if (text.trim() === '') return { error: { field: 'amountRequired' } };
  try {
    return { amount: String(parseTypedAmount(text)) };
  } catch (error) {
    if (error instanceof DomainError) return { error: { amountError: { code: error.code, params: error.params } } };
    throw error;
  }
}
