import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { errorMessage } from '@/lib/errors';

export const defaultMigrationsDir = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

/** Prisma's own key: this runner, `prisma migrate deploy` and the schema engine exclude each other. */
const PRISMA_MIGRATION_LOCK_KEY = 72707369;
const MIGRATION_FILE_NAME = 'migration.sql';

/** The table exactly as Prisma's schema engine creates it, so the Prisma tools read our history. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  /** The folder's name, e.g. `20261128143211_init`. */
  name: string;
  script: string;
  /** What Prisma records: the sha256 hex of the file's bytes. */
  checksum: string;
}

/** `prisma/migrations/<name>/migration.sql` in folder order. */
export async function readMigrations(migrationsDir: string = defaultMigrationsDir): Promise<MigrationFile[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(path.join(migrationsDir, name, MIGRATION_FILE_NAME));
      return { name, script: bytes.toString('utf8'), checksum: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

interface RecordedMigration {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/** Why the recorded history stops us, or null when the pending migrations may be applied. */
function historyProblem(files: MigrationFile[], recorded: RecordedMigration[]): string | null {
  const failed = recorded.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    return (
      `Migration ${failed.migration_name} is recorded as failed in _prisma_migrations. Undo what it did by hand, then ` +
      `mark it rolled back so that it is applied again: UPDATE "_prisma_migrations" SET rolled_back_at = now() ` +
      `WHERE migration_name = '${failed.migration_name}' AND finished_at IS NULL;`
    );
  }
  const checksums = new Map(files.map((file) => [file.name, file.checksum]));
  const edited = recorded.find(
    (row) =>
      row.finished_at !== null &&
      row.rolled_back_at === null &&
      checksums.has(row.migration_name) &&
      checksums.get(row.migration_name) !== row.checksum,
  );
  if (edited) {
    return (
      `Migration ${edited.migration_name} was changed after it was applied: its migration.sql no longer matches ` +
      `the checksum in _prisma_migrations. Restore the applied file and put the change in a new migration.`
    );
  }
  return null;
}

/**
 * `prisma migrate deploy` without Prisma's engine: applies the migrations not yet recorded in
 * `_prisma_migrations`, each with its record in one transaction, so a failing migration leaves
 * neither its changes nor a record behind. Safe on every start-up and from several processes at once.
 */
export async function applyMigrations(databaseUrl: string, options: { migrationsDir?: string } = {}): Promise<{ applied: string[] }> {
  const files = await readMigrations(options.migrationsDir);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    try {
      await client.query(CREATE_MIGRATIONS_TABLE);
      const { rows: recorded } = await client.query<RecordedMigration>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
      );
      const problem = historyProblem(files, recorded);
      if (problem) throw new Error(problem);

      const done = new Set(recorded.filter((row) => row.finished_at !== null && row.rolled_back_at === null).map((row) => row.migration_name));
      const applied: string[] = [];
      for (const file of files.filter((candidate) => !done.has(candidate.name))) {
        await applyOne(client, file);
        applied.push(file.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATION_LOCK_KEY]);
    }
  } finally {
    await client.end();
  }
}

async function applyOne(client: pg.Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
       VALUES ($1, $2, $3, clock_timestamp(), 0)`,
      [id, file.checksum, file.name],
    );
    // Without parameters pg sends the script as one simple query: several statements, semicolons
    // inside strings and function bodies intact, as Prisma's engine sends it.
    await client.query(file.script);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`Migration ${file.name} failed, nothing of it was applied: ${errorMessage(error)}`, { cause: error });
  }
}
