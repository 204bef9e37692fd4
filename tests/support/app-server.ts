import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';

const root = path.resolve(import.meta.dirname, '../..');

export interface AppServer {
  url: string;
  process: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the production server (`npm start`'s script) on an existing database, as a real process. */
export async function startAppServer(options: { databaseUrl: string; port: number; env?: Record<string, string> }): Promise<AppServer> {
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) {
    throw new Error('No production build: run `npm run build` first (npm test does)');
  }
  let output = '';
  const child = spawn(process.execPath, [...NODE_SCRIPT_ARGS, 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: String(options.port),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 60_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
    const read = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('Cocok is ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
  });

  return {
    url: `http://localhost:${options.port}`,
    process: child,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
