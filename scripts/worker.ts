import path from 'node:path';
import { stopDatabaseLastOnSignals } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { closeDatabase } from '@/lib/db';
import { EnvError } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';
import { commandDatabase } from '@/lib/runtime/command-database';

/** `npm run worker`: more job processing beside the web server, on its database. */
async function main() {
  stopDatabaseLastOnSignals();
  // Registered before anything slow: a parent killed while this worker starts up must still stop it.
  let stop = async () => process.exit(0);
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Started by `npm start`: leave with it, even when it was killed without a word.
  process.on('disconnect', () => void stop());

  const database = await commandDatabase(path.resolve(import.meta.dirname, '..'));
  await applyMigrations(database.url);
  const worker = await startWorker(database.url);
  stop = async () => {
    await worker.stop();
    await closeDatabase();
    await database.stop();
    process.exit(0);
  };
  if (process.send && !process.connected) return stop();
  console.log('[cocok] worker is processing jobs');
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
  process.exit(1);
});
