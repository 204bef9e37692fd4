/** A CSV cell: text is quoted when it must be, numbers and bigints are written as they are. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** Excel opens a UTF-8 file correctly only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';

const NEEDS_QUOTES = /[",\r\n;]|^\s|\s$/;
// Excel in Indonesian splits on ';', another spreadsheet on ','; any piece can become a cell.
const PIECES = /([;,])/;
// A piece starting with one of these (after spaces) is run as a formula by Excel and friends.
const FORMULA_START = /^( *)(?=[=+\-@\t\r])/;
// A minus and digits is a negative amount, not a formula: it stays readable.
const PLAIN_NUMBER = /^ *-?\d+(?:[.,]\d+)*$/;

function defusePiece(piece: string): string {
  return PLAIN_NUMBER.test(piece) ? piece : piece.replace(FORMULA_START, "$1'");
}

/**
 * One cell as RFC 4180 wants it. Text that a spreadsheet would read as a formula gets an
 * apostrophe before it, as OWASP recommends, so a bank description such as "=HYPERLINK(...)" stays
 * text; so does a formula after a ';' or ',' inside the text, where a spreadsheet that splits on
 * that character would start a new cell.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const text = value.split(PIECES).map(defusePiece).join('');
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record, ended with CRLF. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
