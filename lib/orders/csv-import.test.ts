import { describe, expect, test } from 'vitest';
import { MAX_CSV_ROWS, parseOrdersCsv, type CsvProblem } from '@/lib/orders/csv-import';

const references = (text: string) => parseOrdersCsv(text).rows.map((row) => row.values.reference);

describe('reading the file', () => {
  test('a semicolon file from Indonesian Excel with a BOM, CRLF and Rp amounts', () => {
    const text = '\uFEFFReferensi;Jumlah;Nama Pelanggan;No. Rekening\r\nINV-1;Rp 150.000;Siti Aminah;8730 1122 33\r\nINV-2;1.250.000;Budi;\r\n';
    const { rows, errors } = parseOrdersCsv(text);
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        line: 2,
        values: { reference: 'INV-1', amount: 'Rp 150.000', customer_name: 'Siti Aminah', account_number: '8730 1122 33' },
        input: { reference: 'INV-1', amount: '150000', customer_name: 'Siti Aminah', account_number: '8730 1122 33' },
        errors: [],
      },
      {
        line: 3,
        values: { reference: 'INV-2', amount: '1.250.000', customer_name: 'Budi', account_number: '' },
        input: { reference: 'INV-2', amount: '1250000', customer_name: 'Budi', account_number: null },
        errors: [],
      },
    ]);
  });

  test.each([
    ['comma, LF, no trailing newline', 'reference,amount\nA-1,1000\nA-2,2000', ['A-1', 'A-2']],
    ['comma, CRLF, trailing newline', 'reference,amount\r\nA-1,1000\r\nA-2,2000\r\n', ['A-1', 'A-2']],
    ['old Mac CR line ends', 'reference,amount\rA-1,1000\rA-2,2000\r', ['A-1', 'A-2']],
    ['semicolons', 'reference;amount\nA-1;1000\nA-2;2000\n', ['A-1', 'A-2']],
    ['semicolons win when the header has more of them', 'reference;amount;"name, full"\nA-1;1000;x\n', ['A-1']],
    ['empty lines and delimiter-only lines are skipped', 'reference;amount\n\nA-1;1000\n;;\n \r\nA-2;2000\n\n', ['A-1', 'A-2']],
    ['upper-case, spaced and quoted header names', '"Order ID","TOTAL"\nA-1,1000\n', ['A-1']],
    ['unknown columns are ignored', 'tanggal,reference,catatan,amount\n2026-01-01,A-1,hi,1000\n', ['A-1']],
  ])('%s', (_label, text, expected) => {
    expect(parseOrdersCsv(text).errors).toEqual([]);
    expect(references(text)).toEqual(expected);
  });

  test.each([
    ['a quoted delimiter', 'reference,amount,customer_name\nA-1,1000,"Aminah, Siti"\n', 'Aminah, Siti'],
    ['an escaped quote', 'reference,amount,customer_name\nA-1,1000,"Toko ""Berkah"""\n', 'Toko "Berkah"'],
    ['a quoted line break', 'reference,amount,customer_name\r\nA-1,1000,"Siti\r\nAminah"\r\n', 'Siti\r\nAminah'],
    ['a quoted amount with a decimal comma', 'reference;amount;customer_name\nA-1;"150.000,00";"x"\n', 'x'],
    ['an empty quoted field', 'reference,amount,customer_name\nA-1,1000,""\n', ''],
  ])('%s', (_label, text, customer) => {
    const { rows, errors } = parseOrdersCsv(text);
    expect(errors).toEqual([]);
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[0]!.values.customer_name).toBe(customer);
  });

  test('line numbers count the physical lines a quoted line break spans', () => {
    const { rows } = parseOrdersCsv('reference,amount,customer_name\nA-1,1000,"two\nlines"\n\nA-2,2000,x\n');
    expect(rows.map((row) => row.line)).toEqual([2, 5]);
  });

  test.each<[string, string, CsvProblem]>([
    ['an empty file', '', { code: 'fileEmpty' }],
    ['only a byte order mark and a newline', '\uFEFF\r\n', { code: 'fileEmpty' }],
    ['a header without rows', 'reference,amount\n\n', { code: 'noRows' }],
    ['no header at all', 'INV-1,150000\nINV-2,1000\n', { code: 'headerMissing', params: { found: '"INV-1", "150000"' } }],
    [
      'no amount column',
      'reference,customer_name\nA-1,x\n',
      { code: 'columnMissing', params: { column: 'amount', names: 'amount, jumlah, nominal, total' } },
    ],
    [
      'no reference column',
      'nominal;nama\n1000;x\n',
      { code: 'columnMissing', params: { column: 'reference', names: 'reference, referensi, order_id' } },
    ],
    [
      'two columns for the amount',
      'reference,amount,total\nA-1,1,1\n',
      { code: 'columnTwice', params: { column: 'amount', first: 'amount', second: 'total' } },
    ],
    ['a quote never closed', 'reference,amount,customer_name\nA-1,1000,"Siti\nA-2,2000,x\n', { code: 'quoteNeverClosed', params: { line: 2 } }],
  ])('%s is a file-level error', (_label, text, problem) => {
    expect(parseOrdersCsv(text).errors).toEqual([problem]);
  });

  test(`at most ${MAX_CSV_ROWS} rows`, () => {
    const body = (count: number) => Array.from({ length: count }, (_, i) => `R-${i},1000`).join('\n');
    const atLimit = parseOrdersCsv(`reference,amount\n${body(MAX_CSV_ROWS)}\n`);
    expect(atLimit.errors).toEqual([]);
    expect(atLimit.rows).toHaveLength(MAX_CSV_ROWS);
    const over = parseOrdersCsv(`reference,amount\n${body(MAX_CSV_ROWS + 1)}\n`);
    expect(over.rows).toEqual([]);
    expect(over.errors).toEqual([{ code: 'tooManyRows', params: { max: MAX_CSV_ROWS } }]);
  });
});

describe('row validation', () => {
  const row = (line: string, header = 'reference;amount;customer_name;account_number;expires_in_minutes') =>
    parseOrdersCsv(`${header}\n${line}\n`).rows[0]!;

  // Rows report codes with their values, not sentences: the preview says them in the merchant's language.
  test.each<[string, string, CsvProblem[]]>([
    ['a missing reference', ';150000;;;', [{ field: 'referenceRequired' }]],
    ['a short reference', 'AB;150000;;;', [{ field: 'referenceLength' }]],
    ['a long reference', `${'A'.repeat(65)};150000;;;`, [{ field: 'referenceLength' }]],
    ['a reference with spaces', 'INV 1;150000;;;', [{ field: 'referenceChars' }]],
    ['a missing amount', 'INV-1;;;;', [{ field: 'amountRequired' }]],
    ['a zero amount', 'INV-1;0;;;', [{ field: 'amountPositive' }]],
    ['a negative amount', 'INV-1;-150.000;;;', [{ field: 'amountPositive' }]],
    ['a fractional amount', 'INV-1;150.000,50;;;', [{ amountError: { code: 'amountNotWhole', params: { value: '150.000,50' } } }]],
    ['an amount over the maximum', 'INV-1;100.000.000.001;;;', [{ field: 'amountTooLarge' }]],
    ['a long customer name', `INV-1;1000;${'x'.repeat(201)};;`, [{ field: 'customerTooLong' }]],
    ['a NUL in the customer name', 'INV-1;1000;Bu\0di;;', [{ field: 'textUnstorable' }]],
    ['a lone surrogate in the customer name', 'INV-1;1000;Budi \uD83D;;', [{ field: 'textUnstorable' }]],
    ['letters in the account number', 'INV-1;1000;;BCA-123;', [{ field: 'accountDigits' }]],
    ['a long account number', `INV-1;1000;;${'1'.repeat(41)};`, [{ field: 'accountTooLong' }]],
    ['expiry that is not minutes', 'INV-1;1000;;;2 jam', [{ field: 'expiryInvalid' }]],
    ['expiry out of range', 'INV-1;1000;;;0', [{ field: 'expiryInvalid' }]],
    ['more values than columns', 'INV-1;1000;;;;extra', [{ code: 'tooManyValues', params: { values: 6, columns: 5 } }]],
    [
      'text after a closing quote',
      'INV-1;"1000"x;;;',
      [{ code: 'textAfterQuote', params: { text: 'x' } }, { amountError: { code: 'amountTyped', params: { value: '1000x' } } }],
    ],
  ])('%s', (_label, line, problems) => {
    const parsed = row(line);
    expect(parsed.input).toBeUndefined();
    expect(parsed.errors).toEqual(problems);
  });

  test('each problem of a row is reported once, the amount only by its own check', () => {
    const parsed = row('x;150,5;;abc;soon');
    expect(parsed.errors).toEqual([
      { amountError: { code: 'amountNotWhole', params: { value: '150,5' } } },
      { field: 'expiryInvalid' },
      { field: 'referenceLength' },
      { field: 'accountDigits' },
    ]);
  });

  test('trailing empty columns (Excel) are not extra values', () => {
    expect(row('INV-1;1000;;;;;;').errors).toEqual([]);
  });

  test('expiry in minutes is passed on as a number', () => {
    expect(row('INV-1;1000;;;90').input).toMatchObject({ expires_in_minutes: 90 });
  });

  test('a reference used again is flagged on the later row, whatever its case', () => {
    const { rows } = parseOrdersCsv('reference,amount\nINV-1,1000\nINV-2,2000\ninv-1,1000\nINV-1,3000\n');
    expect(rows.map((r) => r.errors)).toEqual([
      [],
      [],
      [{ code: 'duplicateReference', params: { reference: 'inv-1', line: 2 } }],
      [{ code: 'duplicateReference', params: { reference: 'INV-1', line: 2 } }],
    ]);
    expect(rows.map((r) => r.input !== undefined)).toEqual([true, true, false, false]);
  });
});
