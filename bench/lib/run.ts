/** How a bench runs: what it started is stopped in reverse order at the end, on a failure and on Ctrl-C. */
import { mkdirSync } from 'node:fs';
import { RESULTS_DIR, say } from './basics';

export class Cleanup {
  private readonly steps: (() => unknown)[] = [];
  private running: Promise<void> | undefined;

  /** Adds what undoes a step just taken; the last added runs first. */
  add(step: () => unknown) {
    this.steps.push(step);
  }

  /** Runs every step once, however often it is asked to. */
  run(): Promise<void> {
    return (this.running ??= (async () => {
      for (const step of this.steps.toReversed()) await step();
    })());
  }
}

/**
 * Runs a bench's `main`, whose answer is the exit code; a failure prints its message (and stack
 * unless it carries a server's last output) and exits 1.
 */
export function runBench(main: (cleanup: Cleanup) => Promise<number>, options: { sayStopping?: boolean; exitSoonAfter?: boolean } = {}) {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const cleanup = new Cleanup();
  const interrupted = (signal: NodeJS.Signals) => {
    say(`${signal}: stopping everything…`);
    void cleanup.run().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  main(cleanup)
    .finally(() => {
      if (options.sayStopping) say('Stopping everything…');
      return cleanup.run();
    })
    .then(
      (exitCode) => {
        process.exitCode = exitCode;
      },
      (error: unknown) => {
        console.error(`[bench] failed: ${error instanceof Error ? error.message : String(error)}`);
        if (error instanceof Error && !error.message.includes('--- last output')) console.error(error.stack);
        process.exitCode = 1;
      },
    )
    .finally(() => {
      // pg-boss and pools of the product code leave timers behind; everything was stopped above.
      if (options.exitSoonAfter) setTimeout(() => process.exit(), 500).unref();
    });
}
