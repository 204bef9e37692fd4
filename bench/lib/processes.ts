/** The servers and workers a bench starts: each in its own process group, its output in a log. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { root, say, sleep } from './basics';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';

export interface ChildServer {
  name: string;
  child: ChildProcess;
  lastLines: string[];
  logPath: string;
  exited: Promise<void>;
}

/**
 * Runs a script the way the npm scripts do (`NODE_SCRIPT_ARGS`) in its own process group, so that
 * stopping it also stops whatever it started; its output goes to `logPath`, the last lines are kept.
 */
export function launch(
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  logPath: string,
  nodeArgs: readonly string[] = [],
  scriptArgs: readonly string[] = [],
): ChildServer {
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, [...nodeArgs, ...NODE_SCRIPT_ARGS, script, ...scriptArgs], {
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
    `${what}\n--- last output of ${server.name} (full log: ${path.relative(root, server.logPath)}) ---\n` + server.lastLines.join('\n'),
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
