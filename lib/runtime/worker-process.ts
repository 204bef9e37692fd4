import { spawn, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';

export interface WorkerProcess {
  stop(): Promise<void>;
}

const LOW_PRIORITY = 10;

/**
 * Runs `scripts/worker.ts` beside the web server, at a lower CPU priority so that answering
 * Moota comes first under load, and starts it again if it dies. It exits with its parent.
 */
export function superviseWorkerProcess(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): WorkerProcess {
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;

  const start = () => {
    child = spawn(process.execPath, [...NODE_SCRIPT_ARGS, path.join(root, 'scripts/worker.ts')], {
      cwd: root,
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    if (child.pid) {
      try {
        os.setPriority(child.pid, LOW_PRIORITY);
      } catch {
        // Some containers refuse priority changes; the worker then simply shares the CPU evenly.
      }
    }
    child.once('exit', (code, signal) => {
      if (stopping) return;
      const delay = Math.min(30_000, 1000 * 2 ** restarts++);
      log(`The job worker stopped (${signal ?? `exit ${code}`}); starting it again in ${delay / 1000} s`);
      setTimeout(start, delay).unref();
    });
  };
  start();

  return {
    async stop() {
      stopping = true;
      const running = child;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      await new Promise<void>((resolve) => {
        running.once('exit', () => resolve());
        running.kill('SIGTERM');
      });
    },
  };
}
