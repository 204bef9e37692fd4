/**
 * `npm run seed:scale`: a busy merchant's year in an empty database, for bench:pages and for trying
 * the dashboard at scale. Bulk SQL (bench/lib/scale-seed.ts), then ANALYZE and the invariant check.
 *
 *   npm run seed:scale -- [--mutations 1000000] [--orders 300000] [--days 365] [--accounts 5] [--seed N] [--force] [--skip-check]
 *
 * Uses DATABASE_URL, or the project's embedded database when it is unset. It refuses a database
 * that holds any data; --force empties every Cocok table first.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createUser } from '@/lib/auth/users';
import { applyMigrations } from '@/lib/database/migrate';
import { closeDatabase } from '@/lib/db';
import { EnvError } from '@/lib/env';
import { checkInvariants, INVARIANTS } from '@/lib/reconcile/invariants';
import { commandDatabase } from '@/lib/runtime/command-database';
import { DEMO_USERS } from '@/lib/sandbox/demo';
import { createProgressBar, formatSeconds } from '@/bench/lib/progress-bar';
import { DEFAULT_SCALE_OPTIONS, planScale, SCALE_LIMITS, type ScaleOptions } from '@/bench/lib/scale-plan';
import { emptyDataTables, holdsData, seedScale, summarize } from '@/bench/lib/scale-seed';

const USAGE = 'usage: npm run seed:scale -- [--mutations 1000000] [--orders 300000] [--days 365] [--accounts 5] [--seed N] [--force] [--skip-check]';

class UsageError extends Error {}

function wholeNumber(flag: keyof typeof SCALE_LIMITS | 'seed', text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback;
  const [min, max] = flag === 'seed' ? [0, 2 ** 31 - 1] : SCALE_LIMITS[flag];
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  return value;
}

function parseOptions(): { options: ScaleOptions; force: boolean; check: boolean } {
  const { values } = parseArgs({
    strict: true,
    options: {
      mutations: { type: 'string' },
      orders: { type: 'string' },
      days: { type: 'string' },
      accounts: { type: 'string' },
      seed: { type: 'string' },
      force: { type: 'boolean', default: false },
      'skip-check': { type: 'boolean', default: false },
    },
  });
  return {
    options: {
      mutations: wholeNumber('mutations', values.mutations, DEFAULT_SCALE_OPTIONS.mutations),
      orders: wholeNumber('orders', values.orders, DEFAULT_SCALE_OPTIONS.orders),
      days: wholeNumber('days', values.days, DEFAULT_SCALE_OPTIONS.days),
      accounts: wholeNumber('accounts', values.accounts, DEFAULT_SCALE_OPTIONS.accounts),
      seed: wholeNumber('seed', values.seed, DEFAULT_SCALE_OPTIONS.seed),
      now: new Date(),
    },
    force: values.force,
    check: !values['skip-check'],
  };
}

const count = (value: number) => value.toLocaleString('en-US');
const counts = (groups: Record<string, number>) =>
  Object.entries(groups)
    .map(([key, value]) => `${key} ${count(value)}`)
    .join(', ');

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseOptions();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { options, force, check } = parsed;
  const database = await commandDatabase(path.resolve(import.meta.dirname, '..'));
  const client = new pg.Client({ connectionString: database.url });
  // A second connection: independent steps of the seed run two at a time.
  const helper = new pg.Client({ connectionString: database.url });
  try {
    await applyMigrations(database.url);
    await client.connect();
    await helper.connect();
    if (await holdsData(client)) {
      if (!force) {
        console.error('This database already holds data: seed:scale only fills an empty one. Add --force to empty every Cocok table first.');
        return 1;
      }
      console.error('--force: emptying every Cocok table…');
      await emptyDataTables(client);
    }
    const started = performance.now();
    for (const user of DEMO_USERS) await createUser(user);
    const plan = planScale(options);
    const bar = createProgressBar(1);
    const times = await seedScale([client, helper], plan, (done, total, step) => {
      bar.update(done / total, step);
    });
    const seedMs = performance.now() - started;
    bar.finish('built');

    const summary = await summarize(client);
    console.log(
      [
        `Built ${options.days} days (${plan.firstDay} to today, Jakarta) on ${plan.accounts.length} accounts, seed ${options.seed}, in ${formatSeconds(seedMs)}:`,
        `  mutations  ${count(summary.rows.mutations ?? 0)}: ${counts(summary.mutations)}`,
        `  orders     ${count(summary.rows.orders ?? 0)}: ${counts(summary.orders)}`,
        `  deliveries ${count(summary.rows.deliveries ?? 0)}: ${counts(summary.deliveries)}`,
        `  payments ${count(summary.rows.payments ?? 0)}, history ${count(summary.rows.history ?? 0)}, database ${count(summary.megabytes)} MB`,
        `  slowest steps: ${[...times]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 5)
          .map((time) => `${time.label} ${formatSeconds(time.ms)}`)
          .join(', ')}`,
        `  sign in as ${DEMO_USERS.map((user) => `${user.email} / ${user.password}`).join(' or ')}`,
      ].join('\n'),
    );
    if (!check) return 0;

    const checkStarted = performance.now();
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const report = await checkInvariants({ executeSql: (text, values) => client.query(text, values) });
    await client.query('COMMIT');
    if (report.violations.length > 0) {
      console.error('The seeded data breaks invariants:');
      for (const [name, broken] of Object.entries(report.counts)) console.error(`  ${INVARIANTS[name as keyof typeof INVARIANTS]}: ${broken} row(s)`);
      for (const violation of report.violations.slice(0, 10)) console.error(`  e.g. ${violation.message}`);
      return 1;
    }
    console.log(`Every invariant holds (checked in ${formatSeconds(performance.now() - checkStarted)}).`);
    return 0;
  } finally {
    await client.end().catch(() => {});
    await helper.end().catch(() => {});
    await closeDatabase();
    await database.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
    process.exit(1);
  });
