import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabaseIfMissing, startEmbeddedDatabase } from '@/lib/database/embedded';
import { applyMigrations } from '@/lib/database/migrate';
import { prepareQueues } from '@/lib/jobs/worker';
import { freePort } from '@/tests/support/free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

/**
 * One PostgreSQL server for the integration run: TEST_DATABASE_SERVER_URL when given (CI with a
 * managed server), else an embedded one in a temporary folder. Each run gets a fresh database.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.TEST_DATABASE_SERVER_URL;
  let stopServer = async () => {};
  let dataDir: string | undefined;
  if (!serverUrl) {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'cocok-test-db-'));
    chmodSync(dataDir, 0o755);
    const port = await freePort();
    const embedded = await startEmbeddedDatabase({ dataDir, port });
    serverUrl = embedded.url.replace(/\/[^/]+$/, '');
    stopServer = embedded.stop;
  }
  const teardown = async () => {
    await stopServer();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const name = `cocok_test_${Date.now().toString(36)}`;
    await createDatabaseIfMissing(`${serverUrl}/postgres`, name);
    const databaseUrl = `${serverUrl}/${name}`;
    await applyMigrations(databaseUrl);
    await prepareQueues(databaseUrl);
    project.provide('databaseUrl', databaseUrl);
    process.env.DATABASE_URL = databaseUrl;
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
