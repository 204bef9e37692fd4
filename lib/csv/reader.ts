/** A record's own reading problem, in the words of the orders import (`orders.import.errors.<code>`). */
export type CsvRecordProblem = { code: 'quoteNotClosed' } | { code: 'textAfterQuote'; params: { text: string } };

export interface CsvRecord {
  /** The line of the file the record starts on, from 1. */
  line: number;
  fields: string[];
  error?: CsvRecordProblem;
  /** The record ran to the end of the file inside a quoted field. */
  unclosedQuote?: boolean;
}

export type CsvDelimiter = ',' | ';' | '\t';

/** The text without a leading byte order mark. */
export function withoutBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/**
 * The delimiter used most outside quotes in the first `sampleLines` lines: "," on a tie or when
 * there is none. Bank exports start with a block of label lines, so they need more than one line.
 */
export function detectDelimiter(text: string, sampleLines = 1): CsvDelimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      if (char === '\r' && text[i + 1] === '\n') i++;
      if (++lines >= sampleLines) break;
    } else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * RFC 4180 records: quoted fields with doubled quotes, separators and line breaks inside them;
 * CRLF, LF or CR line ends. One pass over the text.
 */
export function* readCsvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  let i = 0;
  let line = 1;
  const endOfField = () => {
    const start = i;
    while (i < text.length && text[i] !== delimiter && text[i] !== '\n' && text[i] !== '\r') i++;
    return text.slice(start, i);
  };
  while (i < text.length) {
    const record: CsvRecord = { line, fields: [] };
    for (;;) {
      let j = i;
      while (text[j] === ' ' || (text[j] === '\t' && delimiter !== '\t')) j++;
      if (text[j] === '"') {
        i = j + 1;
        let value = '';
        let closed = false;
        while (i < text.length) {
          const char = text[i]!;
          if (char === '"') {
            if (text[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
          value += char;
          i++;
        }
        if (!closed) {
          record.unclosedQuote = true;
          record.error ??= { code: 'quoteNotClosed' };
        }
        const rest = endOfField();
        if (rest.trim() !== '') {
          record.error ??= { code: 'textAfterQuote', params: { text: rest.trim() } };
          value += rest;
        }
        record.fields.push(value);
      } else {
        record.fields.push(endOfField());
      }
      if (text[i] === delimiter) {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') i++;
      line++;
      break;
    }
    yield record;
  }
}
