import { parseStatementAmount, mutationType } from '@/lib/statements/amount';
import { occurredAt, parseStatementDate, parseTimeCell, type DateReading } from '@/lib/statements/dates';
import { isBlank, isFooter, type TableLine } from '@/lib/statements/table';
import type { MutationType, StatementProblem, StatementRow } from '@/lib/statements/types';

/** Where a statement's transaction lines keep what (columns from 0). */
export interface Columns {
  date: number;
  /** A time of day in a column of its own (BRI's JAM_TRAN). */
  time?: number;
  description: number[];
  /** One amount; its CR/DB is in the cell, in `type`, or (with `signed`) its sign. */
  amount?: number;
  type?: number;
  credit?: number;
  debit?: number;
  balance?: number;
  /** A minus means money out (DB): for single-amount files with no CR/DB anywhere. */
  signed?: boolean;
}

export interface RowReading {
  rows: StatementRow[];
  skipped: StatementProblem[];
  problems: StatementProblem[];
}

type Problem = { problem: StatementProblem };
type Outcome = { row: StatementRow } | Problem;

const problem = (line: number, code: StatementProblem['code'], params: StatementProblem['params'] = {}): Problem => ({
  problem: { line, code, params: { line, ...params } },
});

function amountAndType(line: number, cells: readonly string[], columns: Columns): { amount: bigint; type: MutationType } | Problem {
  const cell = (index: number | undefined) => (index === undefined ? '' : (cells[index] ?? ''));
  if (columns.credit !== undefined || columns.debit !== undefined) {
    const sides: [MutationType, string][] = [
      ['CR', cell(columns.credit)],
      ['DB', cell(columns.debit)],
    ];
    const found: { type: MutationType; amount: bigint; value: string }[] = [];
    for (const [type, value] of sides) {
      if (value === '' || value === '-') continue;
      const parsed = parseStatementAmount(value);
      if (!parsed) return problem(line, 'statementAmountUnreadable', { value });
      if (parsed.amount !== 0n) found.push({ type, amount: parsed.amount, value });
    }
    if (found.length === 2) return problem(line, 'statementAmountTwice', { credit: found[0]!.value, debit: found[1]!.value });
    if (found.length === 0) return problem(line, 'statementAmountNotPositive', { value: cell(columns.credit) || cell(columns.debit) || '0' });
    const [only] = found as [(typeof found)[0]];
    if (only.amount < 0n) return problem(line, 'statementAmountNotPositive', { value: only.value });
    return { amount: only.amount, type: only.type };
  }

  const value = cell(columns.amount);
  const parsed = parseStatementAmount(value);
  if (!parsed) return problem(line, 'statementAmountUnreadable', { value });
  let type = parsed.type;
  const typeCell = cell(columns.type);
  if (typeCell !== '') {
    const columnType = mutationType(typeCell);
    if (!columnType) return problem(line, 'statementTypeUnreadable', { value: typeCell });
    if (type && type !== columnType) return problem(line, 'statementTypeConflict', { amountType: type, columnType });
    type = columnType;
  }
  let amount = parsed.amount;
  if (!type && columns.signed) {
    type = amount < 0n ? 'DB' : 'CR';
    amount = amount < 0n ? -amount : amount;
  }
  if (amount <= 0n) return problem(line, 'statementAmountNotPositive', { value });
  if (!type) return problem(line, 'statementTypeMissing');
  return { amount, type };
}

function readRow(line: TableLine, columns: Columns, reading: DateReading, yearOf: (month: number, day: number) => number | null): Outcome {
  const { cells } = line;
  const needed = Math.max(columns.date, columns.amount ?? 0, columns.credit ?? 0, columns.debit ?? 0, ...columns.description) + 1;
  if (cells.length < needed) return problem(line.line, 'statementRowTooShort', { cells: cells.length, expected: needed });

  const dateCell = cells[columns.date]!;
  const date = parseStatementDate(dateCell, reading, yearOf);
  if (date === 'unreadable') return problem(line.line, 'statementDateUnreadable', { value: dateCell });
  if (date === 'noYear') return problem(line.line, 'statementDateNoYear', { value: dateCell });
  if (columns.time !== undefined && date.time === null) {
    const time = parseTimeCell(cells[columns.time] ?? '');
    if (time) date.time = time;
  }

  const money = amountAndType(line.line, cells, columns);
  if ('problem' in money) return money;

  const balanceCell = columns.balance === undefined ? '' : (cells[columns.balance] ?? '');
  const balance = balanceCell === '' ? null : (parseStatementAmount(balanceCell)?.amount ?? null);
  const description = columns.description
    .map((index) => cells[index] ?? '')
    .filter((text) => text !== '')
    .join(' ')
    .replace(/\s+/g, ' ');
  return {
    row: { line: line.line, occurredAt: occurredAt(date), bookedDate: date.day, type: money.type, amount: money.amount, balance, description },
  };
}

/**
 * The transactions of a table's lines. Blank lines and totals are passed over; PEND lines are
 * skipped (the bank has not booked them); any other line that cannot be read is a problem.
 */
export function readRows(
  lines: readonly TableLine[],
  columns: Columns,
  reading: DateReading,
  yearOf: (month: number, day: number) => number | null,
): RowReading {
  const result: RowReading = { rows: [], skipped: [], problems: [] };
  for (const line of lines) {
    if (isBlank(line.cells) || isFooter(line.cells)) continue;
    if (line.unclosedQuote) {
      result.problems.push({ line: line.line, code: 'statementQuoteNotClosed', params: { line: line.line } });
      continue;
    }
    if (/^PEND\b/i.test(line.cells[columns.date] ?? '')) {
      result.skipped.push({ line: line.line, code: 'statementRowPending', params: { line: line.line } });
      continue;
    }
    const outcome = readRow(line, columns, reading, yearOf);
    if ('row' in outcome) result.rows.push(outcome.row);
    else result.problems.push(outcome.problem);
  }
  return result;
}
