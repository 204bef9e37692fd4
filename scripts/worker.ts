import { applyMigrations } from '@/lib/database/migrations';
import { EnvError, env } from '@/lib/env';
import { startWorker } from '@/lib/jobs/worker';

async function main() {
  const url = env().DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to the database the web server uses.');
  await applyMigrations(url);
  const worker = await startWorker(url);
  console.log('[cocok] worker is processing jobs');
  const stop = async () => {
    await worker.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
  process.exit(1);
});
