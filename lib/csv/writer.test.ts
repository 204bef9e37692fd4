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
