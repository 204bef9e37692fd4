import path from 'node:path';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '@/lib/database/embedded';
import { parseEnv } from '@/lib/env';

/**
 * The database a command-line tool works on: DATABASE_URL, or the embedded one in the data
 * folder (used as it is when `npm start` runs it, started for the command otherwise).
 */
export async function commandDatabase(root: string): Promise<EmbeddedDatabase> {
  const config = parseEnv(process.env);
  const database = config.DATABASE_URL
    ? { url: config.DATABASE_URL, stop: async () => {} }
    : await startEmbeddedDatabase({
        dataDir: path.resolve(root, config.COCOK_DATA_DIR),
        port: config.COCOK_DATABASE_PORT,
        whenRunning: 'attach',
      });
  process.env.DATABASE_URL = database.url;
  return database;
}
