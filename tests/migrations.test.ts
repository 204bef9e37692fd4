import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyMigrations, defaultMigrationsDir } from '@/lib/database/migrate';
import { checkDrift, createMigration, defaultSchemaPath, diagnoseMigrationHistory, diffMigrationsToSchema } from '@/lib/database/schema-engine';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';

const databaseUrl = process.env.DATABASE_URL || inject('databaseUrl');
const projectRoot = path.resolve(import.meta.dirname, '..');

let admin: pg.Client;
let tempRoot: string;
const createdDatabases: string[] = [];

beforeAll(async () => {
  admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  tempRoot = await mkdtemp(path.join(os.tmpdir(), 'cocok-migrations-test-'));
});

afterAll(async () => {
  for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
  await rm(tempRoot, { recursive: true, force: true });
});

/** An empty database on the test server, dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `cocok_migrations_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  createdDatabases.push(name);
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

async function repositoryMigrationNames(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Copies of schema.prisma and prisma/migrations that a test may change. */
async function scratchCopy(editSchema: (schema: string) => string = (schema) => schema) {
  const dir = await mkdtemp(path.join(tempRoot, 'copy-'));
  const schemaPath = path.join(dir, 'schema.prisma');
  const migrationsDir = path.join(dir, 'migrations');
  await writeFile(schemaPath, editSchema(await readFile(defaultSchemaPath, 'utf8')));
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

const withExtraModel = (schema: string) => `${schema}\nmodel Extra {\n  id   Int    @id\n  name String\n}\n`;
const withExtraColumn = (schema: string) => {
  const edited = schema.replace(/(model Delivery \{\n)/, '$1  operatorNote String? @map("operator_note")\n');
  expect(edited).not.toBe(schema);
  return edited;
};

async function leftoverThrowawayDatabases(): Promise<string[]> {
  const { rows } = await admin.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE 'cocok\\_shadow\\_%'");
  return rows.map((row) => row.datname);
}

describe('applyMigrations', () => {
  it('applies every migration once, and applying again is a no-op', async () => {
    const url = await freshDatabase();
    const names = await repositoryMigrationNames();
    expect(names.length).toBeGreaterThan(0);

    expect(await applyMigrations(url)).toEqual({ applied: names });
    expect(await applyMigrations(url)).toEqual({ applied: [] });
    const rows = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((row) => row.migration_name).sort()).toEqual(names);
  });

  it("records Prisma's sha256 checksum of each migration.sql", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      applied_steps_count: number;
    }>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');

    const expected = await Promise.all(
      (await repositoryMigrationNames()).map(async (name) => ({
        migration_name: name,
        checksum: createHash('sha256')
          .update(await readFile(path.join(defaultMigrationsDir, name, 'migration.sql')))
          .digest('hex'),
      })),
    );
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expected);
    for (const row of rows) {
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("leaves a history that Prisma's engine finds up to date", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    expect(await diagnoseMigrationHistory(url)).toEqual({
      history: null,
      failedMigrationNames: [],
      editedMigrationNames: [],
      hasMigrationsTable: true,
    });
  });

  it("creates _prisma_migrations with the columns Prisma's engine gives it", async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    expect(
      await query(
        url,
        `SELECT column_name, data_type, character_maximum_length AS length, is_nullable, column_default
         FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
      ),
    ).toEqual([
      { column_name: 'id', data_type: 'character varying', length: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', length: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', length: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', length: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', length: null, is_nullable: 'NO', column_default: '0' },
    ]);
  });

  it('refuses, naming the migration, when an applied migration.sql was changed', async () => {
    const url = await freshDatabase();
    const { migrationsDir } = await scratchCopy();
    await applyMigrations(url, { migrationsDir });
    const [first] = await repositoryMigrationNames();
    await writeFile(path.join(migrationsDir, first!, 'migration.sql'), '-- edited\n', { flag: 'a' });
    await mkdir(path.join(migrationsDir, '29991231235959_later'));
    await writeFile(path.join(migrationsDir, '29991231235959_later', 'migration.sql'), 'CREATE TABLE "later" ();\n');

    await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(new RegExp(`Migration ${first} was changed after it was applied`));
    expect(await query(url, "SELECT to_regclass('later') AS later")).toEqual([{ later: null }]);
  });

  it('refuses, naming the migration, while a migration is recorded as failed', async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    const [first] = await repositoryMigrationNames();
    await query(url, `UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${first}'`);

    await expect(applyMigrations(url)).rejects.toThrow(new RegExp(`Migration ${first} is recorded as failed`));
  });

  it('applies a migration recorded as rolled back again', async () => {
    const url = await freshDatabase();
    const { migrationsDir } = await scratchCopy();
    await mkdir(path.join(migrationsDir, '29991231235959_later'));
    await writeFile(path.join(migrationsDir, '29991231235959_later', 'migration.sql'), 'CREATE TABLE "later" ();\n');
    await applyMigrations(url, { migrationsDir });
    await query(
      url,
      `DROP TABLE "later";
       UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '29991231235959_later'`,
    );

    expect(await applyMigrations(url, { migrationsDir })).toEqual({ applied: ['29991231235959_later'] });
    expect(await query(url, "SELECT to_regclass('later')::text AS later")).toEqual([{ later: 'later' }]);
  });

  it('leaves neither changes nor a record behind when a migration fails, and names it', async () => {
    const url = await freshDatabase();
    const { migrationsDir } = await scratchCopy();
    await mkdir(path.join(migrationsDir, '29991231235959_broken'));
    await writeFile(path.join(migrationsDir, '29991231235959_broken', 'migration.sql'), 'CREATE TABLE "half" ();\nCREATE TABLE "deliveries" ();\n');

    await expect(applyMigrations(url, { migrationsDir })).rejects.toThrow(
      /Migration 29991231235959_broken failed, nothing of it was applied: relation "deliveries" already exists/,
    );
    expect(await query(url, "SELECT to_regclass('half') AS half")).toEqual([{ half: null }]);
    const rows = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    expect(rows.map((row) => row.migration_name).sort()).toEqual(await repositoryMigrationNames());
  });

  it('applies each migration exactly once when several start-ups race', async () => {
    const url = await freshDatabase();
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(results.flatMap((result) => result.applied).sort()).toEqual(await repositoryMigrationNames());
  });

  it('applies each migration exactly once when two processes race', async () => {
    const url = await freshDatabase();
    const run = () =>
      promisify(execFile)(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/db.ts', 'migrate'], {
        cwd: projectRoot,
        env: { ...process.env, DATABASE_URL: url },
      });
    const outputs = await Promise.all([run(), run()]);
    expect(outputs.map((output) => output.stdout).sort()).toEqual([expect.stringContaining('Applied'), 'No pending migrations.\n']);
    const rows = await query<{ count: string }>(url, 'SELECT count(*) FROM _prisma_migrations');
    expect(Number(rows[0]?.count)).toBe((await repositoryMigrationNames()).length);
  });

  it('runs a migration as one script: semicolons inside strings and function bodies survive', async () => {
    const url = await freshDatabase();
    const migrationsDir = path.join(await mkdtemp(path.join(tempRoot, 'semicolons-')), 'migrations');
    await mkdir(path.join(migrationsDir, '20000101000000_semicolons'), { recursive: true });
    await writeFile(
      path.join(migrationsDir, '20000101000000_semicolons', 'migration.sql'),
      `CREATE TABLE "notes" ("body" TEXT NOT NULL DEFAULT 'a; b');\n` +
        `CREATE FUNCTION "one"() RETURNS int AS $$ BEGIN RETURN 1; END; $$ LANGUAGE plpgsql;\n`,
    );
    expect(await applyMigrations(url, { migrationsDir })).toEqual({ applied: ['20000101000000_semicolons'] });
    expect(await query(url, 'SELECT "one"() AS one')).toEqual([{ one: 1 }]);
  });
});

describe('checkDrift', () => {
  it('passes on the repository as committed', async () => {
    const report = await checkDrift(databaseUrl);
    expect(report).toEqual({ ok: true, migrationsVsSchema: '', databaseVsSchema: '' });
  });

  it('looks only at the public schema: a job queue schema is not drift', async () => {
    const url = await freshDatabase();
    await applyMigrations(url);
    await query(
      url,
      `CREATE SCHEMA pgboss;
       CREATE TYPE pgboss.job_state AS ENUM ('created', 'active');
       CREATE TABLE pgboss.job (id uuid PRIMARY KEY, state pgboss.job_state NOT NULL, flag "char")`,
    );
    expect(await checkDrift(url)).toEqual({ ok: true, migrationsVsSchema: '', databaseVsSchema: '' });
  });

  it('fails when schema.prisma has a model the migrations lack', async () => {
    const report = await checkDrift(databaseUrl, { ...(await scratchCopy(withExtraModel)), includeDatabase: false });
    expect(report.ok).toBe(false);
    expect(report.migrationsVsSchema).toContain('CREATE TABLE "Extra"');
    expect(report.databaseVsSchema).toBeUndefined();
  });

  it('fails when schema.prisma has a column the migrations lack, and reports the live database too', async () => {
    const report = await checkDrift(databaseUrl, await scratchCopy(withExtraColumn));
    expect(report.ok).toBe(false);
    expect(report.migrationsVsSchema).toMatch(/ALTER TABLE "deliveries" ADD COLUMN\s+"operator_note" TEXT;/);
    expect(report.databaseVsSchema).toBe(report.migrationsVsSchema);
  });

  it('drops its throwaway database, also when a migration fails', async () => {
    const { schemaPath, migrationsDir } = await scratchCopy();
    await mkdir(path.join(migrationsDir, '29991231235959_broken'));
    await writeFile(path.join(migrationsDir, '29991231235959_broken', 'migration.sql'), 'CREATE TABLE "deliveries" ();\n');

    await expect(diffMigrationsToSchema(databaseUrl, { schemaPath, migrationsDir })).rejects.toThrow(/relation "deliveries" already exists/);
    expect(await leftoverThrowawayDatabases()).toEqual([]);
  });
});

describe('createMigration', () => {
  it('returns null when the migrations already produce the schema', async () => {
    const copy = await scratchCopy();
    expect(await createMigration(databaseUrl, 'nothing', copy)).toBeNull();
    expect((await readdir(copy.migrationsDir)).sort()).toEqual([...(await repositoryMigrationNames()), 'migration_lock.toml'].sort());
  });

  it("writes Prisma's folder format, after which the drift check passes and the migration applies", async () => {
    const copy = await scratchCopy(withExtraModel);
    const created = await createMigration(databaseUrl, 'Add extraModel', {
      ...copy,
      now: new Date('2030-01-02T03:04:05Z'),
    });

    expect(created).toEqual({ directory: path.join(copy.migrationsDir, '20300102030405_add_extra_model') });
    const script = await readFile(path.join(created!.directory, 'migration.sql'), 'utf8');
    expect(script).toMatch(/^-- CreateTable\nCREATE TABLE "Extra" \(/);
    expect(await readFile(path.join(copy.migrationsDir, 'migration_lock.toml'), 'utf8')).toContain('provider = "postgresql"');

    expect(await checkDrift(databaseUrl, { ...copy, includeDatabase: false })).toEqual({
      ok: true,
      migrationsVsSchema: '',
    });
    expect(await createMigration(databaseUrl, 'again', copy)).toBeNull();

    const url = await freshDatabase();
    const { applied } = await applyMigrations(url, copy);
    expect(applied.at(-1)).toBe('20300102030405_add_extra_model');
    expect(await query(url, 'SELECT count(*)::int AS count FROM "Extra"')).toEqual([{ count: 0 }]);
  });
});
