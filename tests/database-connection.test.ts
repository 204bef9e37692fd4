import { expect, test } from 'vitest';
import { closeDatabase, db, sqlPool } from '@/lib/db';

test('closeDatabase ends the connections this process opened, and the next use connects again', async () => {
  const pool = sqlPool();
  await pool.query('SELECT 1');
  await db().setting.count();
  await closeDatabase();
  expect(pool.ended).toBe(true);
  expect(pool.totalCount).toBe(0);
  await expect(pool.query('SELECT 1')).rejects.toThrow();

  expect(sqlPool()).not.toBe(pool);
  expect((await sqlPool().query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  await expect(db().setting.count()).resolves.toBeTypeOf('number');
  await closeDatabase();
  await closeDatabase();
});
