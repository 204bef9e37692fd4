import path from 'node:path';
import { parseArgs } from 'node:util';
import { stopDatabaseLastOnSignals } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { closeDatabase } from '@/lib/db';
import { EnvError } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { mootaConnection } from '@/lib/moota/connection';
import { commandDatabase } from '@/lib/runtime/command-database';
import { mootaSource } from '@/lib/sync/moota-source';
import { openSyncRun, runSync } from '@/lib/sync/run-sync';
import { requestedWindow } from '@/lib/sync/window';
import { jakartaDay } from '@/lib/time/jakarta';

const USAGE = `Pulls mutations from Moota's API into Cocok, through the same intake as the webhook.

Usage: npm run sync -- [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--account BANK_ID]

  --from D       first Jakarta day (default: the last day)
  --to D         last Jakarta day (default: today); at most 31 days in all
  --account ID   only this Moota bank_id (default: every account)

Needs MOOTA_API_TOKEN, or a token entered in Settings.`;

async function main(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { from: { type: 'string' }, to: { type: 'string' }, account: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  stopDatabaseLastOnSignals();
  const database = await commandDatabase(path.resolve(import.meta.dirname, '..'));
  try {
    await applyMigrations(database.url);
    const window = requestedWindow({ from: values.from, to: values.to }, jakartaDay(new Date()));
    const connection = await mootaConnection();
    if (!connection) throw new DomainError('invalid', 'mootaNotConnected');
    const runId = await openSyncRun({ trigger: 'shell', requestedBy: 'shell', window, mootaBankId: values.account ?? null });
    console.log(`Syncing ${window.from} to ${window.to}${values.account ? ` for account ${values.account}` : ''} from ${connection.baseUrl}…`);
    const summary = await runSync(runId, mootaSource(connection));
    console.log(
      [
        `${summary.state === 'succeeded' ? 'Done' : 'FAILED'} in ${(summary.durationMs / 1000).toFixed(1)} s (run ${summary.runId})`,
        `  accounts            ${summary.accounts}`,
        `  pages               ${summary.pagesFetched} of ${summary.pagesTotal ?? '?'}`,
        `  mutations new       ${summary.mutationsNew}`,
        `  already known       ${summary.mutationsKnown}`,
        ...(summary.error ? [`  error               ${summary.error}`] : []),
      ].join('\n'),
    );
    return summary.state === 'succeeded' ? 0 : 1;
  } catch (error) {
    if (error instanceof DomainError || error instanceof EnvError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await closeDatabase();
    await database.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
