import { db } from '@/lib/db';
import { PGBOSS_SCHEMA } from '@/lib/jobs/queue';

/** Empties every table of the app and the job queue, keeping the migrated schema. */
export async function resetDatabase(): Promise<void> {
  const tables = await db().$queryRaw<{ name: string }[]>`
    SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) AS name FROM pg_tables
    WHERE (schemaname = 'public' AND tablename <> '_prisma_migrations')
       OR (schemaname = ${PGBOSS_SCHEMA} AND tablename NOT IN ('version', 'queue'))`;
  if (tables.length > 0) await db().$executeRawUnsafe(`TRUNCATE ${tables.map((t) => t.name).join(', ')} CASCADE`);
}
