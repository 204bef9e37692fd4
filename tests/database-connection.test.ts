import { expect, test } from 'vitest';
import { closeDatabase, db, inTransaction, sqlPool } from '@/lib/db';

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

test("a transaction's plain SQL runs in Prisma's transaction, and both roll back together", async () => {
  const failure = new Error('changed my mind');
  await expect(
    inTransaction(async (tx) => {
      const [prisma] = await tx.$queryRaw<{ xid: string }[]>`SELECT txid_current()::text AS xid`;
      const { rows } = (await tx.executeSql('SELECT txid_current()::text AS xid', [])) as { rows: { xid: string }[] };
      expect(rows[0]!.xid).toBe(prisma!.xid);
      await tx.setting.create({ data: { key: 'rollback-probe-a', value: 1, updatedBy: 'test' } });
      await tx.executeSql(`INSERT INTO settings (key, value, updated_by, updated_at) VALUES ($1, '2'::jsonb, 'test', now())`, ['rollback-probe-b']);
      throw failure;
    }),
  ).rejects.toBe(failure);
  expect(await db().setting.count({ where: { key: { startsWith: 'rollback-probe' } } })).toBe(0);
});
