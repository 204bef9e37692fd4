import { DomainError } from '@/lib/errors';
import { detectDelimiter, readCsvRecords, withoutBom } from '@/lib/csv/reader';
import { parseStatementDate } from '@/lib/statements/dates';

/** One line of the file as cells, with the line it starts on and whether its quote never closed. */
export interface TableLine {
  line: number;
  cells: string[];
  unclosedQuote: boolean;
}

/** How many lines detection and the column-mapping preview look at. */
export const SAMPLE_LINES = 40;

/**
 * A cell as a person would read it: trimmed, without Excel's text markers (KlikBCA's `'01/11`,
 * `="0123"`).
 */
export function cleanCell(cell: string): string {
  const text = cell.trim();
  const formula = /^="(.*)"$/.exec(text);
  if (formula) return formula[1]!.trim();
  return text.startsWith("'") ? text.slice(1).trim() : text;
}

export const isBlank = (cells: readonly string[]) => cells.every((cell) => cell === '');

/** Every line of a statement file as cleaned cells; throws for a file with no table in it. */
export function readTable(text: string): TableLine[] {
  const content = withoutBom(text);
  if (content.trim() === '') throw new DomainError('invalid', 'statementEmpty');
  const delimiter = detectDelimiter(content, SAMPLE_LINES);
  const lines: TableLine[] = [];
  for (const record of readCsvRecords(content, delimiter)) {
    lines.push({ line: record.line, cells: record.fields.map(cleanCell), unclosedQuote: record.unclosedQuote === true });
  }
  if (!lines.some((line) => line.cells.filter((cell) => cell !== '').length >= 2)) {
    throw new DomainError('invalid', 'statementNotTable');
  }
  return lines;
}

/** A header cell compared loosely: "Val. Date" → "val date", "TGL_TRAN" → "tgl tran", "DB/CR" stays. */
export function headerName(cell: string): string {
  return cell
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

const FOOTER = /^(saldo awal|saldo akhir|mutasi (kredit|debet|debit)|total|opening balance|closing balance|beginning balance|ending balance)\b/i;

/** A line of totals under (or above) the table: not a transaction and not a problem. */
export function isFooter(cells: readonly string[]): boolean {
  const first = cells.find((cell) => cell !== '');
  return first !== undefined && FOOTER.test(first);
}

export interface StatementLabels {
  accountNumber: string | null;
  holder: string | null;
  period: { from: string; to: string } | null;
}

const ACCOUNT_LABEL = /^(no\.?|nomor|nomer)\s*(rek(ening)?\.?|account)|^account\s*(no\.?|number)$|^norek$/i;
const HOLDER_LABEL = /^(nama|name|account name|atas nama)$/i;
const PERIOD_LABEL = /^(periode|period)\b/i;

/** "Label : value", "Label,=,value" or "Label,value" split into label and value. */
function labelAndValue(cells: readonly string[]): [string, string] | null {
  const filled = cells.filter((cell) => cell !== '');
  if (filled.length === 0) return null;
  const joined = filled.join(' ');
  const separated = /^([^:=]+?)\s*[:=]\s*(.*)$/.exec(joined);
  if (separated) return [separated[1]!.trim(), separated[2]!.trim()];
  return filled.length > 1 ? [filled[0]!, filled.slice(1).join(' ')] : null;
}

function period(value: string): { from: string; to: string } | null {
  const parts = value.split(/\s+(?:-|–|s\/d|sd|to|sampai|hingga)\s+/i);
  if (parts.length !== 2) return null;
  const [from, to] = parts.map((part) => parseStatementDate(part, 'day-first'));
  if (typeof from !== 'object' || typeof to !== 'object' || from.day > to.day) return null;
  return { from: from.day, to: to.day };
}

/** The account, holder and period a statement's label block (above its table) states. */
export function readLabels(lines: readonly TableLine[]): StatementLabels {
  const labels: StatementLabels = { accountNumber: null, holder: null, period: null };
  for (const { cells } of lines) {
    const pair = labelAndValue(cells);
    if (!pair) continue;
    const [label, value] = pair;
    if (ACCOUNT_LABEL.test(label) && labels.accountNumber === null) {
      const digits = value.replace(/[\s.-]/g, '');
      if (/^\d+$/.test(digits)) labels.accountNumber = digits;
    } else if (HOLDER_LABEL.test(label) && labels.holder === null && value !== '') labels.holder = value;
    else if (PERIOD_LABEL.test(label) && labels.period === null) labels.period = period(value);
  }
  return labels;
}
