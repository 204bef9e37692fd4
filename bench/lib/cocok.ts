/** Cocok's production server (`npm start`'s script, its worker beside it) on a bench's database, and what the bench reads of it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './basics';
import { waitUntilAnswering } from './http';
import { launch, stopServer, type ChildServer } from './processes';
import type { Cleanup } from './run';

// The first start may include a production build.
const START_TIMEOUT_MS = 15 * 60_000;

/** Starts Cocok on `databaseUrl` with this webhook secret, loopback allowed; stopped by `cleanup`. */
export async function startCocok(options: {
  databaseUrl: string;
  port: number;
  secret: string;
  log: string;
  cleanup: Cleanup;
}): Promise<ChildServer> {
  const app = launch(
    'Cocok',
    'scripts/start.ts',
    {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      MOOTA_WEBHOOK_SECRET: options.secret,
      MOOTA_ALLOWED_IPS: '127.0.0.1,::1',
      COCOK_DEMO: 'false',
    },
    path.join(RESULTS_DIR, options.log),
  );
  options.cleanup.add(() => stopServer(app));
  await waitUntilAnswering(app, options.port, START_TIMEOUT_MS);
  return app;
}

/** A process's resident memory in MiB (Linux), or null once it is gone. */
export function residentMiB(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
    return line ? Math.round(Number(line[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** The direct children of a process (Linux): Cocok's worker is the server's. */
export function childPids(pid: number | undefined): number[] {
  if (pid === undefined) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}
