import type { Locale } from '@/lib/i18n/locales';

/** A CSV cell: text is quoted when it must be, numbers and bigints are written as they are. */
export type CsvValue = string | number | bigint | boolean | null | undefined;

/** What separates cells: what Excel splits on in the reader's language. */
export type CsvSeparator = ',' | ';';

/** Excel opens a UTF-8 file correctly only when it starts with a byte order mark. */
export const CSV_BOM = '\uFEFF';

/**
 * Excel in Indonesian splits on ';' (its decimal mark is ','), in English on ','. A `sep=;` first
 * line would make Excel ignore the byte order mark, so the separator follows the language instead.
 */
export function csvSeparatorFor(locale: Locale): CsvSeparator {
  return locale === 'id' ? ';' : ',';
}

// Text that starts and ends with neither space nor formula character and has no separator, quote
// or line break is written as it is: the common case, checked once.
const PLAIN = /^(?![\s=+\-@])[^",;\r\n\t]*(?<!\s)$/;
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
 * that character would start a new cell. Both separators are quoted whichever the file uses.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (PLAIN.test(value)) return value;
  const text = value.split(PIECES).map(defusePiece).join('');
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * A fraction as the file's readers type it: with a decimal comma in a semicolon file (Excel in
 * Indonesian reads "0,75"), a decimal point in a comma file.
 */
export function csvDecimal(value: number | null, digits: number, separator: CsvSeparator): string | null {
  if (value === null) return null;
  const text = value.toFixed(digits);
  return separator === ';' ? text.replace('.', ',') : text;
}

/** One record, ended with CRLF. */
export function csvRow(values: readonly CsvValue[], separator: CsvSeparator = ','): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : separator) + csvCell(values[i]);
  return `${line}\r\n`;
}

/** A whole small CSV file: byte order mark, header, records. */
export function csvText(header: readonly string[], records: readonly (readonly CsvValue[])[], separator: CsvSeparator): string {
  let text = CSV_BOM + csvRow(header, separator);
  for (const record of records) text += csvRow(record, separator);
  return text;
}

export interface CsvStreamOptions {
  header: readonly string[];
  separator: CsvSeparator;
  /** About how many characters go into one chunk of bytes. */
  chunkChars?: number;
  /** Told of a failure of the source before the stream errors. */
  onError?: (error: unknown) => void;
}

/**
 * A CSV file as a byte stream: byte order mark and header, then the source's batches of records,
 * CRLF-ended, encoded as UTF-8 in chunks of about `chunkChars`. The source is read only as fast as
 * the stream is (`pull`); cancelling the stream ends the source (`return()`), so whatever it reads
 * from stops too.
 */
export function csvStream(
  batches: AsyncIterable<readonly (readonly CsvValue[])[]>,
  { header, separator, chunkChars = 64 * 1024, onError }: CsvStreamOptions,
): ReadableStream<Uint8Array> {
  const source = batches[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let pending = CSV_BOM + csvRow(header, separator);
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          while (pending.length < chunkChars) {
            const next = await source.next();
            // A cancel while the source was being read has closed the controller already.
            if (cancelled) return;
            if (next.done) {
              if (pending) controller.enqueue(encoder.encode(pending));
              controller.close();
              return;
            }
            for (const record of next.value) pending += csvRow(record, separator);
          }
          controller.enqueue(encoder.encode(pending));
          pending = '';
        } catch (error) {
          if (cancelled) return;
          onError?.(error);
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        await source.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
