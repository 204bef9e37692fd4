/**
 * Database tooling without Prisma's native engines.
 *
 *   tsx scripts/db.ts generate        prisma generate (also the package's postinstall)
 *   tsx scripts/db.ts migrate         apply pending migrations (prisma migrate deploy, without the engine)
 *   tsx scripts/db.ts create <name>   write a migration from the migrations to schema.prisma
 *   tsx scripts/db.ts drift           exit 1 when the migrations do not produce schema.prisma
 *   tsx scripts/db.ts check           exit 1, naming each, when the data breaks an invariant (lib/reconcile/invariants.ts)
 *
 * migrate, create, drift and check use DATABASE_URL, or the project's embedded database (COCOK_DATA_DIR,
 * COCOK_DATABASE_PORT) when it is unset.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const usage = 'Usage: tsx scripts/db.ts <generate | migrate | create <name> | drift | check>';

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
    default:
      console.error(usage);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
