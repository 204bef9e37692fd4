/**
 * What the benchmarks share: child servers in their own process group, their logs, ports,
 * plain HTTP posts, percentiles and a temporary folder for an embedded PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, createWriteStream, mkdtempSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';

export const root = path.resolve(import.meta.dirname, '..');
export const RESULTS_DIR = path.join(root, 'bench', 'results');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const say = (line: string) => console.log(`[bench] ${line}`);

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** A temporary folder for an embedded database; the postgres user (when run as root) must be able to enter it. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

export function machineInfo() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** The 1, 5 and 15 minute load averages, rounded. */
export const loadAverage = () => os.loadavg().map((value) => round(value, 2)) as [number, number, number];

// ---------------------------------------------------------------------------- child processes

export interface ChildServer {
  name: string;
  child: ChildProcess;
  lastLines: string[];
  logPath: string;
  exited: Promise<void>;
}

/**
 * Runs `<script>` under plain Node, as the npm scripts do, in its own process group, so that
 * stopping it also stops whatever it started; its output goes to `logPath`, the last lines are kept.
 */
export function launch(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logPath: string,
  nodeArgs: readonly string[] = [],
): ChildServer {
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, [...nodeArgs, ...NODE_SCRIPT_ARGS, script], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lastLines: string[] = [];
  const keep = (chunk: Buffer) => {
    log.write(chunk);
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lastLines.push(line);
      if (lastLines.length > 60) lastLines.shift();
    }
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => log.end());
  return { name, child, lastLines, logPath, exited };
}

export const isRunning = (server: ChildServer) => server.child.exitCode === null && server.child.signalCode === null;

function signalGroup(pid: number, signal: NodeJS.Signals) {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

/** SIGTERM to the child's process group, SIGKILL after 15 s. */
export async function stopServer(server: ChildServer) {
  const pid = server.child.pid;
  if (pid === undefined || !isRunning(server)) return;
  signalGroup(pid, 'SIGTERM');
  const stopped = await Promise.race([server.exited.then(() => true), sleep(15_000).then(() => false)]);
  if (!stopped) {
    say(`${server.name} (pid ${pid}) did not stop within 15 s: killing it`);
    signalGroup(pid, 'SIGKILL');
    await server.exited;
  }
}

export function describeFailure(server: ChildServer, what: string): Error {
  return new Error(
    `${what}\n--- last output of ${server.name} (full log: ${path.relative(root, server.logPath)}) ---\n` +
      server.lastLines.join('\n'),
  );
}

export async function assertPortFree(port: number) {
  const inUse = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
  if (inUse) throw new Error(`port ${port} is already in use: stop whatever listens there, the bench needs it`);
}

// ---------------------------------------------------------------------------- HTTP

export interface Answer {
  status: number;
  text: string;
}

export function postWebhook(
  agent: http.Agent,
  port: number,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/webhook',
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Waits until the server answers HTTP at all (any status). */
export async function waitUntilAnswering(server: ChildServer, port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(server)) {
      throw describeFailure(server, `${server.name} exited (code ${server.child.exitCode ?? server.child.signalCode}) before it answered on port ${port}.`);
    }
    const answered = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/api/webhook', agent: false }, (response) => {
        response.resume();
        resolve(true);
      });
      request.setTimeout(2_000, () => request.destroy());
      request.on('error', () => resolve(false));
    });
    if (answered) return;
    await sleep(250);
  }
  throw describeFailure(server, `${server.name} did not answer on port ${port} within ${timeoutMs / 1000} s.`);
}
