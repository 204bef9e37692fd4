import { describe, expect, test } from 'vitest';
import { StatementBatch } from '@/lib/database/statement-batch';

describe('StatementBatch', () => {
  test('nothing gathered runs nothing', async () => {
    const batch = new StatementBatch();
    expect(batch.combined()).toBeNull();
    const ran: string[] = [];
    await batch.run({ executeSql: async (text) => (ran.push(text), { rows: [] }) });
    expect(ran).toEqual([]);
  });

  test('one write runs as it is', async () => {
    const batch = new StatementBatch();
    await batch.executeSql('UPDATE t SET a = $1 WHERE id = $2', [1, 'x']);
    expect(batch.combined()).toEqual({ text: 'UPDATE t SET a = $1 WHERE id = $2', values: [1, 'x'] });
  });

  test('several writes become CTEs of one statement, their parameters numbered after one another', async () => {
    const batch = new StatementBatch();
    await batch.executeSql('INSERT INTO a SELECT * FROM unnest($1::int[], $2::text[])', [[1], ['x']]);
    await batch.executeSql('UPDATE b SET v = $1 WHERE id = ANY($2::uuid[]) AND w = $1', ['v', ['id']]);
    await batch.executeSql('DELETE FROM c WHERE id = $1', [9]);
    expect(batch.combined()).toEqual({
      text:
        'WITH write_1 AS (INSERT INTO a SELECT * FROM unnest($1::int[], $2::text[])),\n' +
        'write_2 AS (UPDATE b SET v = $3 WHERE id = ANY($4::uuid[]) AND w = $3),\n' +
        'write_3 AS (DELETE FROM c WHERE id = $5)\n' +
        'SELECT 1 AS done',
      values: [[1], ['x'], 'v', ['id'], 9],
    });
  });

  test('takes no reads: their rows would never reach the caller', async () => {
    const batch = new StatementBatch();
    await expect(batch.executeSql('SELECT * FROM orders', [])).rejects.toThrow('only INSERT, UPDATE or DELETE');
    await expect(batch.executeSql('WITH x AS (SELECT 1) UPDATE t SET a = 1', [])).rejects.toThrow('only INSERT, UPDATE or DELETE');
  });
});
