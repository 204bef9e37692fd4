import { describe, expect, test } from 'vitest';
import { csvCell, csvRow, type CsvValue } from '@/lib/csv/writer';

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
    ['unicode stays', 'Pembayaran — ñ', 'Pembayaran — ñ'],
  ])('%s', (_label, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('csvRow', () => {
  test.each<[string, CsvValue[], string]>([
    ['cells joined by commas and ended with CRLF', ['a', 1n, null], 'a,1,\r\n'],
    ['an empty row', [], '\r\n'],
    ['quoted cells inside a row', ['x,y', 'z'], '"x,y",z\r\n'],
  ])('%s', (_label, values, expected) => {
    expect(csvRow(values)).toBe(expected);
  });
});
