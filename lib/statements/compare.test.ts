import { describe, expect, it } from 'vitest';
import { compareRows, type KnownMutation } from '@/lib/statements/compare';
import type { StatementRow } from '@/lib/statements/types';

const row = (line: number, amount: bigint, description: string, bookedDate = '2026-11-27'): StatementRow => ({
  line,
  occurredAt: new Date(`${bookedDate}T00:00:00+07:00`),
  bookedDate,
  type: 'CR',
  amount,
  balance: null,
  description,
});

const known = (id: string, amount: bigint, description: string, day = '2026-11-27', mootaId = `moota-${id}`): KnownMutation => ({
  id,
  mootaId,
  day,
  type: 'CR',
  amount,
  description,
});

describe('comparing statement rows with known mutations', () => {
  it('links a row to the one mutation of the same day, type and amount with a description alike', () => {
    const verdicts = compareRows(
      [row(5, 150_123n, 'TRSF E-BANKING CR 2711/FTSCY/WS95051 150123.00 BUDI SANTOSO')],
      ['stmt-a'],
      [known('m1', 150_123n, 'TRSF E-BANKING CR 2711/FTSCY/WS95051 BUDI SANTOSO'), known('m2', 150_123n, 'whatever', '2026-11-28')],
    );
    expect(verdicts).toEqual([{ kind: 'seen', mutationId: 'm1' }]);
  });

  it('a row already imported from a statement is recognised by its synthetic id', () => {
    expect(compareRows([row(5, 10_000n, 'SETORAN TUNAI')], ['stmt-a'], [known('m1', 10_000n, 'SETORAN TUNAI', '2026-11-27', 'stmt-a')])).toEqual([
      { kind: 'imported', mutationId: 'm1' },
    ]);
  });

  it('a mutation imported from another statement is never taken as a Moota twin', () => {
    expect(compareRows([row(5, 10_000n, 'SETORAN TUNAI')], ['stmt-b'], [known('m1', 10_000n, 'SETORAN TUNAI', '2026-11-27', 'stmt-a')])).toEqual([
      { kind: 'new' },
    ]);
  });

  it('two identical rows take two identical mutations, one each; a third is new', () => {
    const rows = [row(5, 50_000n, 'BIAYA ADM'), row(6, 50_000n, 'BIAYA ADM'), row(7, 50_000n, 'BIAYA ADM')];
    const verdicts = compareRows(rows, ['s1', 's2', 's3'], [known('m1', 50_000n, 'BIAYA ADM'), known('m2', 50_000n, 'BIAYA ADM')]);
    expect(verdicts.map((v) => v.kind)).toEqual(['seen', 'seen', 'new']);
    expect(new Set(verdicts.slice(0, 2).map((v) => (v.kind === 'seen' ? v.mutationId : '')))).toEqual(new Set(['m1', 'm2']));
  });

  it('with only unlike descriptions, or several alike, a person decides', () => {
    expect(compareRows([row(5, 75_000n, 'TRSF DARI ANI WIJAYA')], ['s1'], [known('m1', 75_000n, 'SETORAN TUNAI CABANG')])).toEqual([
      { kind: 'possible', candidateIds: ['m1'] },
    ]);
    const several = compareRows(
      [row(5, 75_000n, 'TRSF DARI ANI WIJAYA TOKO')],
      ['s1'],
      [known('m1', 75_000n, 'TRSF ANI WIJAYA'), known('m2', 75_000n, 'TRSF DARI ANI WIJAYA')],
    );
    expect(several).toEqual([{ kind: 'possible', candidateIds: ['m1', 'm2'] }]);
  });

  it('an exact description wins over one merely alike', () => {
    const verdicts = compareRows(
      [row(5, 75_000n, 'TRSF DARI ANI WIJAYA')],
      ['s1'],
      [known('m1', 75_000n, 'TRSF ANI WIJAYA TOKO'), known('m2', 75_000n, 'TRSF DARI ANI WIJAYA')],
    );
    expect(verdicts).toEqual([{ kind: 'seen', mutationId: 'm2' }]);
  });

  it('a different amount or day is a new transfer', () => {
    expect(compareRows([row(5, 75_001n, 'TRSF DARI ANI')], ['s1'], [known('m1', 75_000n, 'TRSF DARI ANI')])).toEqual([{ kind: 'new' }]);
    expect(compareRows([row(5, 75_000n, 'TRSF DARI ANI', '2026-11-26')], ['s1'], [known('m1', 75_000n, 'TRSF DARI ANI')])).toEqual([{ kind: 'new' }]);
  });
});
