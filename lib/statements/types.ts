import type { ErrorCode, ErrorParams } from '@/lib/errors';

export type StatementFormat = 'klikbca' | 'klikbca-bisnis' | 'mandiri-mcm' | 'bri' | 'bni' | 'mapped';

export type MutationType = 'CR' | 'DB';

export interface StatementRow {
  /** The line of the file the row starts on, from 1. */
  line: number;
  /** Jakarta midnight of the booked day, or the time the bank gives, as an instant. */
  occurredAt: Date;
  /** YYYY-MM-DD, Jakarta. */
  bookedDate: string;
  type: MutationType;
  /** Whole rupiah, positive. */
  amount: bigint;
  balance: bigint | null;
  description: string;
}

export interface StatementProblem {
  line: number;
  code: ErrorCode;
  params: ErrorParams;
}

export interface ParsedStatement {
  format: StatementFormat;
  accountNumber: string | null;
  holder: string | null;
  period: { from: string; to: string } | null;
  rows: StatementRow[];
  /** Rows left out on purpose (pending at the bank): not problems. Labels and totals are not listed at all. */
  skipped: StatementProblem[];
  /** Rows that could not be read, each with what was wrong; they are not in `rows`. */
  problems: StatementProblem[];
}

export type DateFormat = 'DD/MM/YYYY' | 'DD/MM/YY' | 'YYYY-MM-DD' | 'DD-MM-YYYY' | 'MM/DD/YYYY';

/** Which column (from 0) holds what, for a file no format knows. */
export interface ColumnMapping {
  date: number;
  /** Several columns are joined with a space (Mandiri has two description columns). */
  description: number | number[];
  /** One signed amount, or an amount whose CR/DB is in the cell or in `type`. */
  amount?: number;
  credit?: number;
  debit?: number;
  type?: number;
  balance?: number;
  dateFormat: DateFormat;
  /** Lines before the first transaction (the header and anything above it). */
  headerRows: number;
}

export interface ParseOptions {
  format?: StatementFormat;
  mapping?: ColumnMapping;
  /** The year of dates written without one, when the statement does not say its period. */
  year?: number;
}
