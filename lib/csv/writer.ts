/** A CSV cell: text is quoted when it must be, numbers and bigints are written as they are. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** Excel opens a UTF-8 file correctly only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n;]|^\s|\s$/;
// A text cell starting with one of these is run as a formula by Excel and friends.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as RFC 4180 wants it. Text that a spreadsheet would read as a formula gets a leading
 * apostrophe, so a bank description such as "=HYPERLINK(...)" stays text.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
