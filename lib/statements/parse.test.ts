import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { DomainError } from '@/lib/errors';
import { detectStatementFormat, parseStatement, previewColumns, type ColumnMapping, type ParsedStatement } from '@/lib/statements/parse';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

/** Rows as [line, day, type, amount, balance, description], problems and skipped as [line, code]. */
function summary(parsed: ParsedStatement) {
  return {
    format: parsed.format,
    accountNumber: parsed.accountNumber,
    holder: parsed.holder,
    period: parsed.period,
    rows: parsed.rows.map((row) => [row.line, row.bookedDate, row.type, row.amount, row.balance, row.description]),
    skipped: parsed.skipped.map((entry) => [entry.line, entry.code]),
    problems: parsed.problems.map((entry) => [entry.line, entry.code, entry.params]),
  };
}

function domainError(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('bank formats, from their sample files', () => {
  test('KlikBCA personal: label block, dates without a year, a CR/DB column, PEND, totals, and a problem per unreadable line', () => {
    const parsed = parseStatement(fixture('klikbca.csv'));
    expect(summary(parsed)).toEqual({
      format: 'klikbca',
      accountNumber: '0123456789',
      holder: 'BUDI SANTOSO',
      period: { from: '2024-11-01', to: '2024-11-30' },
      rows: [
        [7, '2024-11-01', 'CR', 150_123n, 5_150_123n, 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO'],
        [8, '2024-11-01', 'CR', 150_123n, 5_300_246n, 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO'],
        [9, '2024-11-02', 'CR', 1_250_000n, 6_550_246n, 'SWITCHING CR TRANSFER DR 014 SITI AMINAH, TOKO'],
        [10, '2024-11-03', 'DB', 15_000n, 6_535_246n, 'BIAYA ADM'],
        [11, '2024-11-04', 'DB', 500_000n, 6_035_246n, 'TARIKAN ATM 04/11'],
      ],
      skipped: [[17, 'statementRowPending']],
      problems: [
        [12, 'statementAmountUnreadable', { line: 12, value: '12O.000' }],
        [13, 'statementDateUnreadable', { line: 13, value: '31/11' }],
        [14, 'statementAmountNotPositive', { line: 14, value: '0.00' }],
        [15, 'statementTypeMissing', { line: 15 }],
        [16, 'statementTypeConflict', { line: 16, amountType: 'CR', columnType: 'DB' }],
      ],
    });
    expect(parsed.rows[0]!.occurredAt.toISOString()).toBe('2024-10-31T17:00:00.000Z');
  });

  test('KlikBCA personal with a BOM, semicolons, "Label : value", CR/DB in the amount and a period across the new year', () => {
    expect(summary(parseStatement(fixture('klikbca-semicolon.csv')))).toEqual({
      format: 'klikbca',
      accountNumber: '0987654321',
      holder: 'SITI AMINAH',
      period: { from: '2024-12-15', to: '2025-01-14' },
      rows: [
        [7, '2024-12-30', 'CR', 75_500n, 2_075_500n, 'TRSF E-BANKING CR 3012/FTSCY/WS95051 75.500,00 RINA'],
        [8, '2025-01-02', 'DB', 1_000_000n, 1_075_500n, 'TRSF E-BANKING DB 0201/FTSCY/WS95051 SUPPLIER'],
        [9, '2025-01-03', 'CR', 1_235n, 1_076_735n, 'BUNGA'],
      ],
      skipped: [],
      problems: [[10, 'statementTypeMissing', { line: 10 }]],
    });
  });

  test('KlikBCA Bisnis: full dates, CR/DB inside quoted amounts', () => {
    expect(summary(parseStatement(fixture('klikbca-bisnis.csv')))).toEqual({
      format: 'klikbca-bisnis',
      accountNumber: '0123456780',
      holder: 'PT CONTOH MAKMUR',
      period: { from: '2024-11-01', to: '2024-11-30' },
      rows: [
        [8, '2024-11-01', 'CR', 150_123n, 10_150_123n, 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO'],
        [9, '2024-11-02', 'CR', 2_500_000n, 12_650_123n, 'KR OTOMATIS LLG-BANK MANDIRI PT PELANGGAN SETIA'],
        [10, '2024-11-03', 'DB', 287_490n, 12_362_633n, 'TRSF E-BANKING DB 0311/FTFVA/WS95031 BAYAR VENDOR'],
      ],
      skipped: [[12, 'statementRowPending']],
      problems: [[11, 'statementTypeMissing', { line: 11 }]],
    });
  });

  test('Mandiri MCM: two Description columns joined, DD/MM/YY, ".00" for nothing, a quoted line break, both sides filled', () => {
    expect(summary(parseStatement(fixture('mandiri-mcm.csv')))).toEqual({
      format: 'mandiri-mcm',
      accountNumber: '1234567890123',
      holder: null,
      period: null,
      rows: [
        [2, '2024-11-01', 'CR', 150_123n, null, 'TRANSFER DARI BUDI SANTOSO MCM InhouseTrf CS-CS BUDI'],
        [3, '2024-11-02', 'DB', 12_500n, null, 'BIAYA ADMINISTRASI'],
        [4, '2024-11-03', 'CR', 2_000_000n, null, 'Transfer Fr 0123456789, ANI SKN BI ANI LESTARI'],
        [6, '2024-11-05', 'CR', 99_000n, null, 'MULTI LINE KETERANGAN'],
      ],
      skipped: [],
      problems: [[5, 'statementAmountTwice', { line: 5, credit: '1,000.00', debit: '1,000.00' }]],
    });
  });

  test('BRI: the account on every line, the time in JAM_TRAN, debit and credit columns', () => {
    const parsed = parseStatement(fixture('bri.csv'));
    expect(summary(parsed)).toEqual({
      format: 'bri',
      accountNumber: '012301000123456',
      holder: null,
      period: null,
      rows: [
        [2, '2025-10-07', 'CR', 150_123n, 5_150_123n, 'NBMB BUDI SANTOSO TO TOKO CONTOH'],
        [3, '2025-10-07', 'CR', 250_000n, 5_400_123n, 'BRIVA 12345 PEMBAYARAN PELANGGAN'],
        [4, '2025-10-08', 'DB', 6_500n, 5_393_623n, 'BIAYA ADMIN'],
      ],
      skipped: [],
      problems: [[5, 'statementAmountNotPositive', { line: 5, value: '-5000.00' }]],
    });
    expect(parsed.rows.map((row) => row.occurredAt.toISOString())).toEqual([
      '2025-10-07T05:41:41.000Z',
      '2025-10-07T02:15:00.000Z',
      '2025-10-08T03:10:10.000Z',
    ]);
  });

  test('BNI: tab separated, times in Posting Date, K/D and CR/DB, both number styles', () => {
    const parsed = parseStatement(fixture('bni.tsv'));
    expect(summary(parsed)).toEqual({
      format: 'bni',
      accountNumber: '0123456789',
      holder: 'TOKO CONTOH',
      period: { from: '2024-11-01', to: '2024-11-30' },
      rows: [
        [7, '2024-11-01', 'CR', 150_123n, 5_150_123n, 'TRANSFER DARI BUDI SANTOSO'],
        [8, '2024-11-02', 'DB', 12_500n, 5_137_623n, 'BIAYA ADM'],
        [10, '2024-11-04', 'CR', 50_000n, 6_187_623n, 'TRANSFER DARI RINA'],
      ],
      skipped: [],
      problems: [[9, 'statementTypeUnreadable', { line: 9, value: 'X' }]],
    });
    expect(parsed.rows[0]!.occurredAt.toISOString()).toBe('2024-11-01T03:15:23.000Z');
  });

  test.each([
    ['klikbca.csv', 'klikbca'],
    ['klikbca-semicolon.csv', 'klikbca'],
    ['klikbca-bisnis.csv', 'klikbca-bisnis'],
    ['mandiri-mcm.csv', 'mandiri-mcm'],
    ['bri.csv', 'bri'],
    ['bni.tsv', 'bni'],
    ['generic.csv', null],
  ])('detectStatementFormat(%s) is %s', (name, format) => {
    expect(detectStatementFormat(fixture(name))).toBe(format);
  });

  test('a year given by the caller dates KlikBCA lines when the file states no period', () => {
    const text = "Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo\n'01/11,SETORAN,0000,100.000,CR,100.000\n";
    expect(parseStatement(text).problems).toEqual([{ line: 2, code: 'statementDateNoYear', params: { line: 2, value: '01/11' } }]);
    expect(parseStatement(text, { year: 2024 }).rows.map((row) => row.bookedDate)).toEqual(['2024-11-01']);
  });

  test('an unclosed quote is a problem of its line, not a crash', () => {
    const text = `${fixture('bri.csv')}5,012301000123456,2025-10-09,2025-10-09,101010,8251,"NBMB ANI,1.00,0.00,1.00,1.00\n`;
    expect(parseStatement(text).problems.at(-1)).toEqual({ line: 6, code: 'statementQuoteNotClosed', params: { line: 6 } });
  });
});

describe('a column mapping for a file no format knows', () => {
  const mapping: ColumnMapping = { date: 0, description: 1, debit: 2, credit: 3, balance: 4, dateFormat: 'DD-MM-YYYY', headerRows: 1 };

  test('reads debit and credit columns, and says which dates do not fit the chosen format', () => {
    expect(summary(parseStatement(fixture('generic.csv'), { mapping }))).toEqual({
      format: 'mapped',
      accountNumber: null,
      holder: null,
      period: null,
      rows: [
        [2, '2024-11-01', 'CR', 150_123n, 1_150_123n, 'TRANSFER MASUK BUDI'],
        [3, '2024-11-02', 'DB', 10_000n, 1_140_123n, 'BIAYA ADMIN'],
      ],
      skipped: [],
      problems: [[4, 'statementDateUnreadable', { line: 4, value: '2024-11-03' }]],
    });
  });

  test('one signed amount: a minus is money out; several description columns are joined', () => {
    const text = 'Date,Ref,Memo,Amount\n11/01/2024,A1,Budi,"150,000.00"\n11/02/2024,A2,Fee,-2500\n11/03/2024,,Nothing,0\n';
    const parsed = parseStatement(text, { mapping: { date: 0, description: [1, 2], amount: 3, dateFormat: 'MM/DD/YYYY', headerRows: 1 } });
    expect(summary(parsed).rows).toEqual([
      [2, '2024-11-01', 'CR', 150_000n, null, 'A1 Budi'],
      [3, '2024-11-02', 'DB', 2_500n, null, 'A2 Fee'],
    ]);
    expect(summary(parsed).problems).toEqual([[4, 'statementAmountNotPositive', { line: 4, value: '0' }]]);
  });

  test('an amount with a CR/DB column takes its type from the column', () => {
    const text = 'Tgl|x\n2024-11-01;Budi;150.000;CR\n2024-11-02;Fee;2.500;DB\n2024-11-03;Odd;1.000;\n';
    const parsed = parseStatement(text, { mapping: { date: 0, description: 1, amount: 2, type: 3, dateFormat: 'YYYY-MM-DD', headerRows: 1 } });
    expect(summary(parsed).rows.map((row) => row.slice(2, 4))).toEqual([
      ['CR', 150_000n],
      ['DB', 2_500n],
    ]);
    expect(summary(parsed).problems).toEqual([[4, 'statementTypeMissing', { line: 4 }]]);
  });

  test.each<[string, Partial<ColumnMapping>, string]>([
    ['a column the file does not have', { credit: 9 }, 'statementMappingColumn'],
    ['neither an amount nor credit and debit', { credit: undefined, debit: undefined }, 'statementMappingAmount'],
    ['both an amount and credit and debit', { amount: 2 }, 'statementMappingAmount'],
  ])('refuses %s', (_label, change, code) => {
    expect(domainError(() => parseStatement(fixture('generic.csv'), { mapping: { ...mapping, ...change } })).code).toBe(code);
  });
});

describe('files that cannot be read as a whole', () => {
  test.each([
    ['an empty file', '', 'statementEmpty'],
    ['only a byte order mark and blank lines', '\uFEFF\r\n\r\n', 'statementEmpty'],
    ['text, not a table', 'Halo,\nini bukan mutasi\n', 'statementNotTable'],
    ['a table no format knows, without a mapping', 'a,b,c\n1,2,3\n', 'statementFormatUnknown'],
  ])('%s', (_label, text, code) => {
    expect(domainError(() => parseStatement(text)).code).toBe(code);
  });

  test('a format named by the caller that the file is not in', () => {
    expect(domainError(() => parseStatement(fixture('bri.csv'), { format: 'bni' })).code).toBe('statementFormatUnknown');
    expect(domainError(() => parseStatement(fixture('bri.csv'), { format: 'mapped' })).code).toBe('statementFormatUnknown');
  });
});

test('previewColumns gives the first lines as cells, for choosing columns', () => {
  expect(previewColumns(fixture('generic.csv'), 2)).toEqual([
    { line: 1, cells: ['Tanggal', 'Uraian', 'Debet', 'Kredit', 'Saldo'] },
    { line: 2, cells: ['01-11-2024', 'TRANSFER MASUK BUDI', '', '150.123,00', '1.150.123,00'] },
  ]);
});

test('a 50,000-line KlikBCA file is read whole', () => {
  const lines = ['No. rekening,=,0123456789', 'Periode,=,01/11/2024 - 30/11/2024', 'Tanggal Transaksi,Keterangan,Cabang,Jumlah,,Saldo'];
  for (let i = 0; i < 50_000; i++)
    lines.push(`'${String((i % 28) + 1).padStart(2, '0')}/11,TRSF E-BANKING CR ${i} BUDI,0000,"${150_000 + (i % 999)}.00",CR,`);
  const parsed = parseStatement(lines.join('\r\n'));
  expect(parsed.rows).toHaveLength(50_000);
  expect(parsed.problems).toEqual([]);
});
