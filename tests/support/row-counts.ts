import { db } from '@/lib/db';

/** How many rows each table of the app holds: compared before and after a refused call, nothing may have been written. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT quote_ident(tablename) AS name FROM pg_tables
    WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  if (tables.length === 0) return {};
  const counts = await db().$queryRawUnsafe<{ name: string; count: bigint }[]>(
    tables.map((table) => `SELECT '${table.name}' AS name, count(*) AS count FROM ${table.name}`).join(' UNION ALL '),
  );
  return Object.fromEntries(counts.map((row) => [row.name, Number(row.count)]));
}
