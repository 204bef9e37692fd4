import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, csvDecimal, csvRow, csvSeparatorFor, csvStream, csvText, type CsvSeparator, type CsvValue } from '@/lib/csv/writer';
import { readCsvRecords } from '@/lib/csv/reader';

describe('csvCell', () => {
  test.each<[string, CsvValue, string]>([
    ['plain text as it is', 'TRSF E-BANKING CR', 'TRSF E-BANKING CR'],
    ['a comma is quoted', 'Budi, Jakarta', '"Budi, Jakarta"'],
    ['a semicolon is quoted (Excel in Indonesian splits on it)', 'a;b', '"a;b"'],
    ['quotes are doubled', 'say "hi"', '"say ""hi"""'],
    ['a line break is quoted', 'line 1\nline 2', '"line 1\nline 2"'],
    ['leading space is kept by quoting', ' padded', '" padded"'],
    ['a formula becomes text', '=SUM(A1:A2)', "'=SUM(A1:A2)"],
    ['a leading minus in text becomes text', '-lunas', "'-lunas"],
    ['an at sign becomes text', '@cmd', "'@cmd"],
    ['null is empty', null, ''],
    ['undefined is empty', undefined, ''],
    ['an integer', 150123, '150123'],
    ['a bigint amount as integer rupiah', 100000000000n, '100000000000'],
    ['a negative bigint stays a number', -5n, '-5'],
    ['a negative amount written as text stays readable', '-150000', '-150000'],
    ['a negative amount with thousands separators stays readable', '-1.500.000', '-1.500.000'],
    ['a minus followed by more than digits is defused', '-1+1', "'-1+1"],
    ['a plus becomes text (a phone number stays as written)', '+6281234567', "'+6281234567"],
    ['a leading tab becomes text', '\t=1+1', "'\t=1+1"],
    ['a leading carriage return becomes text', '\r=1+1', `"'\r=1+1"`],
    ['a formula after leading spaces becomes text', '  =1+1', `"  '=1+1"`],
    ['a formula after a semicolon becomes text there', 'TRSF;=HYPERLINK("http://x")', `"TRSF;'=HYPERLINK(""http://x"")"`],
    ['a formula after a comma becomes text there', 'Budi,@SUM(1)', `"Budi,'@SUM(1)"`],
    ['a formula after a separator and spaces', 'a; +cmd', `"a; '+cmd"`],
    ['every piece is defused', '=a;-b,@c', `"'=a;'-b,'@c"`],
    ['a tab after a separator', 'a;\tb', `"a;'\tb"`],
    ['a negative amount after a separator stays readable', 'biaya;-5000', '"biaya;-5000"'],
    ['a minus inside a word is not after a separator', 'E-BANKING;CR', '"E-BANKING;CR"'],
    ['a trailing separator', 'a;', '"a;"'],
    ['only separators', ';,', '";,"'],
    ['an empty string', '', ''],
    ['a space inside plain text', 'BIAYA ADM', 'BIAYA ADM'],
    ['a trailing space is kept by quoting', 'padded ', '"padded "'],
    ['a minus inside a word without separators', 'E-BANKING', 'E-BANKING'],
    ['an equals sign inside text', 'a=b', 'a=b'],
    ['unicode stays', 'Pembayaran — ñ', 'Pembayaran — ñ'],
  ])('%s', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvRow', () => {
  test.each<[string, CsvValue[], CsvSeparator, string]>([
    ['cells joined by commas and ended with CRLF', ['a', 1n, null], ',', 'a,1,\r\n'],
    ['cells joined by semicolons for Excel in Indonesian', ['a', 1n, null], ';', 'a;1;\r\n'],
    ['an empty row', [], ';', '\r\n'],
    ['quoted cells inside a row', ['x,y', 'z'], ',', '"x,y",z\r\n'],
    ['a comma is quoted in a semicolon file too', ['Budi, Jakarta', 'z'], ';', '"Budi, Jakarta";z\r\n'],
    ['a formula is defused in a semicolon file', ['=1+1', '@x'], ';', "'=1+1;'@x\r\n"],
  ])('%s', (_label, values, separator, expected) => {
    expect(csvRow(values, separator)).toBe(expected);
  });
});

test.each<[string, 'id' | 'en', CsvSeparator]>([
  ['Indonesian splits on semicolons', 'id', ';'],
  ['English splits on commas', 'en', ','],
])('csvSeparatorFor: %s', (_label, locale, separator) => {
  expect(csvSeparatorFor(locale)).toBe(separator);
});

test.each<[string, number | null, number, CsvSeparator, string | null]>([
  ['a decimal comma in a semicolon file', 0.75, 4, ';', '0,7500'],
  ['a decimal point in a comma file', 0.75, 4, ',', '0.7500'],
  ['a whole number keeps its digits', 2, 1, ';', '2,0'],
  ['nothing stays empty', null, 4, ';', null],
])('csvDecimal: %s', (_label, value, digits, separator, expected) => {
  expect(csvDecimal(value, digits, separator)).toBe(expected);
});

test('csvText: byte order mark, header and records, CRLF', () => {
  expect(csvText(['Tanggal', 'Nominal'], [['2026-11-28 10:14:07', 150000n]], ';')).toBe('\uFEFFTanggal;Nominal\r\n2026-11-28 10:14:07;150000\r\n');
});

async function* batchesOf(batches: CsvValue[][][], read: { count: number; ended: boolean }) {
  try {
    for (const batch of batches) {
      read.count++;
      yield batch;
    }
  } finally {
    read.ended = true;
  }
}

const bytesOf = async (stream: ReadableStream<Uint8Array>) => new Uint8Array(await new Response(stream).arrayBuffer());

describe('csvStream', () => {
  test('a UTF-8 file with a byte order mark that reads back cell by cell', async () => {
    const read = { count: 0, ended: false };
    const records: CsvValue[][] = [
      ['2026-11-28 10:14:07', 'TRSF;=HYPERLINK("x")', 150000n, null],
      ['2026-11-28 10:15:00', 'Siti, "titipan"\nbaris 2', 75456n, 'Cocok'],
    ];
    const stream = csvStream(batchesOf([[records[0]!], [], [records[1]!]], read), {
      header: ['Tanggal', 'Keterangan', 'Nominal', 'Keadaan'],
      separator: ';',
    });
    const bytes = await bytesOf(stream);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith(CSV_BOM + 'Tanggal;Keterangan;Nominal;Keadaan\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect([...readCsvRecords(text.slice(1), ';')].map((record) => record.fields)).toEqual([
      ['Tanggal', 'Keterangan', 'Nominal', 'Keadaan'],
      ['2026-11-28 10:14:07', `TRSF;'=HYPERLINK("x")`, '150000', ''],
      ['2026-11-28 10:15:00', 'Siti, "titipan"\nbaris 2', '75456', 'Cocok'],
    ]);
    expect(read).toEqual({ count: 3, ended: true });
  });

  test('reads the source only as fast as the reader takes chunks', async () => {
    const read = { count: 0, ended: false };
    const batches = Array.from({ length: 10 }, (_, i) => [[`row ${i}`, 'x'.repeat(100)]]);
    const reader = csvStream(batchesOf(batches, read), { header: ['a', 'b'], separator: ',', chunkChars: 200 }).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('row 0');
    expect(read.count).toBeLessThanOrEqual(4);
    await reader.cancel();
    expect(read.ended).toBe(true);
    expect(read.count).toBeLessThan(10);
  });

  test('a cancel while the source is being read ends the source and closes quietly', async () => {
    let release: () => void = () => {};
    let waiting: () => void = () => {};
    const blocked = new Promise<void>((resolve) => (waiting = resolve));
    let ended = false;
    const source = (async function* () {
      try {
        yield [['first']];
        await new Promise<void>((resolve) => {
          release = resolve;
          waiting();
        });
        yield [['second']];
      } finally {
        ended = true;
      }
    })();
    const reported: unknown[] = [];
    const reader = csvStream(source, { header: ['a'], separator: ',', chunkChars: 1, onError: (error) => reported.push(error) }).getReader();
    await reader.read();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('first\r\n');
    await blocked;
    const cancelling = reader.cancel();
    release();
    await cancelling;
    expect(await reader.read()).toEqual({ done: true, value: undefined });
    expect(ended).toBe(true);
    expect(reported).toEqual([]);
  });

  test('a failing source errors the stream and is reported', async () => {
    const failure = new Error('database went away');
    const reported: unknown[] = [];
    const source = (async function* () {
      yield [['one']];
      throw failure;
    })();
    const stream = csvStream(source, { header: ['a'], separator: ',', onError: (error) => reported.push(error) });
    await expect(bytesOf(stream)).rejects.toBe(failure);
    expect(reported).toEqual([failure]);
  });
});
