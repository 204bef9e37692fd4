import { describe, expect, test } from 'vitest';
import { descriptionsAlike, normaliseDescription, statementMutationIds } from '@/lib/statements/identity';
import type { StatementRow } from '@/lib/statements/types';

const row = (overrides: Partial<StatementRow> = {}): StatementRow => ({
  line: 7,
  occurredAt: new Date('2024-10-31T17:00:00Z'),
  bookedDate: '2024-11-01',
  type: 'CR',
  amount: 150_123n,
  balance: 5_150_123n,
  description: 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO',
  ...overrides,
});

describe('statementMutationIds', () => {
  test('two identical transfers on one day get two ids, and the same ids every time the file is read', () => {
    const rows = [row(), row({ line: 8, balance: 5_300_246n })];
    const ids = statementMutationIds('bca:0123456789', rows);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^stmt-[0-9a-f]{64}$/);
    expect(ids[0]).not.toBe(ids[1]);
    expect(statementMutationIds('bca:0123456789', rows)).toEqual(ids);
  });

  test('the line, the time and the balance do not change the id; spacing and case of the description do not either', () => {
    const [id] = statementMutationIds('acc', [row()]);
    const [moved] = statementMutationIds('acc', [
      row({
        line: 40,
        balance: null,
        occurredAt: new Date('2024-11-01T03:00:00Z'),
        description: ' trsf e-banking cr 0111/ftscy/ws95051  150123.00 budi santoso',
      }),
    ]);
    expect(moved).toBe(id);
  });

  test.each<[string, Partial<StatementRow> | null, string]>([
    ['another account', null, 'other-account'],
    ['another day', { bookedDate: '2024-11-02' }, 'acc'],
    ['another type', { type: 'DB' }, 'acc'],
    ['another amount', { amount: 150_124n }, 'acc'],
    ['another description', { description: 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 ANI' }, 'acc'],
  ])('%s gives another id', (_label, overrides, account) => {
    const [id] = statementMutationIds('acc', [row()]);
    expect(statementMutationIds(account, [row(overrides ?? {})])[0]).not.toBe(id);
  });

  test('a row keeps its id when a different row is added before it', () => {
    const [alone] = statementMutationIds('acc', [row()]);
    expect(statementMutationIds('acc', [row({ amount: 99n }), row()])[1]).toBe(alone);
  });
});

test('normaliseDescription', () => {
  expect(normaliseDescription('  Trsf  E-Banking/CR, 0111 ')).toBe('TRSF E BANKING CR 0111');
});

describe('descriptionsAlike', () => {
  test.each<[string, string, string, 'same' | 'alike' | 'different']>([
    [
      'identical',
      'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO',
      'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO',
      'same',
    ],
    [
      'case, spacing and punctuation',
      'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO',
      'trsf e banking cr 0111 ftscy ws95051 150123.00 budi  santoso',
      'same',
    ],
    ['Moota shortens and reorders', 'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO', 'BUDI SANTOS 150123 WS95051', 'alike'],
    [
      'Mandiri joins its two descriptions the other way round',
      'TRANSFER DARI BUDI SANTOSO MCM InhouseTrf CS-CS BUDI',
      'MCM InhouseTrf CS-CS BUDI TRANSFER DARI BUDI SANTOSO',
      'alike',
    ],
    [
      'the same boilerplate, another person',
      'TRSF E-BANKING CR 0111/FTSCY/WS95051 150123.00 BUDI SANTOSO',
      'TRSF E-BANKING CR 0211/FTSCY/WS95099 150123.00 ANI LESTARI',
      'different',
    ],
    ['nothing but boilerplate', 'TRSF E-BANKING CR', 'TRANSFER KREDIT', 'different'],
    ['one shared word among many', 'SETORAN TUNAI CABANG SUDIRMAN BUDI', 'BUDI TOKO MAKMUR JAYA ABADI', 'different'],
  ])('%s', (_label, a, b, expected) => {
    expect(descriptionsAlike(a, b)).toBe(expected);
    expect(descriptionsAlike(b, a)).toBe(expected);
  });
});
