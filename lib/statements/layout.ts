import { DomainError } from '@/lib/errors';
import { yearWithin } from '@/lib/statements/dates';
import { readRows, type Columns } from '@/lib/statements/rows';
import { headerName, readLabels, SAMPLE_LINES, type TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions, StatementFormat } from '@/lib/statements/types';

/** A bank's export: how to know its header line, and which of its columns hold what, by name. */
export interface Layout {
  format: Exclude<StatementFormat, 'mapped'>;
  /** Whether a header line (names as headerName gives them) is this bank's. */
  isHeader(names: readonly string[]): boolean;
  /** The columns, found by name in the header line. */
  columns(names: readonly string[]): Columns;
  /** The account number from a transaction line, when the bank repeats it on every line. */
  accountColumn?: (names: readonly string[]) => number;
}

/** The index of the first header cell matching, or undefined. */
export function column(names: readonly string[], pattern: RegExp): number | undefined {
  const index = names.findIndex((name) => pattern.test(name));
  return index < 0 ? undefined : index;
}

export function columnsNamed(names: readonly string[], pattern: RegExp): number[] {
  return names.flatMap((name, index) => (pattern.test(name) ? [index] : []));
}

export function headerIndex(lines: readonly TableLine[], layout: Layout): number {
  return lines.slice(0, SAMPLE_LINES).findIndex((line) => layout.isHeader(line.cells.map(headerName)));
}

/** Whether the first lines of a file hold this layout's header. */
export function detectLayout(lines: readonly TableLine[], layout: Layout): boolean {
  return headerIndex(lines, layout) >= 0;
}

export function parseLayout(lines: readonly TableLine[], layout: Layout, options: ParseOptions): ParsedStatement {
  const at = headerIndex(lines, layout);
  if (at < 0) throw new DomainError('invalid', 'statementFormatUnknown');
  const names = lines[at]!.cells.map(headerName);
  const labels = readLabels(lines.slice(0, at));
  const body = lines.slice(at + 1);
  const reading = readRows(body, layout.columns(names), 'day-first', yearWithin(labels.period, options.year ?? null));
  let accountNumber = labels.accountNumber;
  if (accountNumber === null && layout.accountColumn) {
    const index = layout.accountColumn(names);
    const first = body.find((line) => /^\d[\d\s.-]*$/.test(line.cells[index] ?? ''));
    if (first) accountNumber = first.cells[index]!.replace(/\D/g, '');
  }
  return { format: layout.format, accountNumber, holder: labels.holder, period: labels.period, ...reading };
}
