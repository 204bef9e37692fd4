import { describe, expect, test } from 'vitest';
import { detectDelimiter, readCsvRecords, withoutBom } from '@/lib/csv/reader';

const read = (text: string, delimiter = ',') => [...readCsvRecords(text, delimiter)];

describe('detectDelimiter', () => {
  test.each<[string, string, number, string]>([
    ['commas', 'a,b,c\n1,2,3', 1, ','],
    ['semicolons', 'a;b;c\n', 1, ';'],
    ['tabs', 'a\tb\tc\n', 1, '\t'],
    ['nothing to go by', 'abc\n', 1, ','],
    ['separators inside quotes do not count', '"a;b;c",d\n', 1, ','],
    ['a label block before the table, read over several lines', 'No. rekening : 123\nNama : X\nTanggal;Keterangan;Jumlah\n1;2;3\n', 10, ';'],
  ])('%s', (_label, text, lines, expected) => {
    expect(detectDelimiter(text, lines)).toBe(expected);
  });
});

describe('readCsvRecords', () => {
  test('quoted fields keep separators, doubled quotes and line breaks; lines count from the record start', () => {
    expect(read('a,"b,c","say ""hi"""\r\n"multi\nline",x\nlast,y')).toEqual([
      { line: 1, fields: ['a', 'b,c', 'say "hi"'] },
      { line: 2, fields: ['multi\nline', 'x'] },
      { line: 4, fields: ['last', 'y'] },
    ]);
  });

  test('tab separated files keep their empty fields', () => {
    expect(read('a\t\tc\n', '\t')).toEqual([{ line: 1, fields: ['a', '', 'c'] }]);
  });

  test('an unclosed quote and text after a quote are reported on the record', () => {
    expect(read('"ab"x,1\n"open')).toEqual([
      { line: 1, fields: ['abx', '1'], error: { code: 'textAfterQuote', params: { text: 'x' } } },
      { line: 2, fields: ['open'], error: { code: 'quoteNotClosed' }, unclosedQuote: true },
    ]);
  });

  test('withoutBom drops only a leading byte order mark', () => {
    expect(withoutBom('\uFEFFa,b')).toBe('a,b');
    expect(withoutBom('a,\uFEFF')).toBe('a,\uFEFF');
  });
});
