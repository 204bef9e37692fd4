import path from 'node:path';
import { startEmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrations';
import { EnvError, parseEnv } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';

/** `npm run worker`: more job processing beside the web server, on its database. */
async function main() {
  const config = parseEnv(process.env);
  const database = config.DATABASE_URL
    ? { url: config.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedDatabase({
        dataDir: path.resolve(import.meta.dirname, '..', config.COCOK_DATA_DIR),
        port: config.COCOK_DATABASE_PORT,
        whenRunning: 'attach',
      });
  process.env.DATABASE_URL = database.url;
  await applyMigrations(database.url);
  const worker = await startWorker(database.url);
  console.log('[cocok] worker is processing jobs');
  const stop = async () => {
    await worker.stop();
    await database.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  // Started by `npm start`: leave with it, even when it was killed without a word.
  process.on('disconnect', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
  process.exit(1);
});
