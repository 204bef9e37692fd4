/** A progress bar on stderr for long command-line work: redrawn in place on a terminal, a plain line per step otherwise. */

export interface ProgressBar {
  /** `done` units of `total` are finished; `step` says what is being done now. */
  update(done: number, step: string): void;
  /** Ends the bar's line. */
  finish(summary: string): void;
}

const WIDTH = 30;

export const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** The bar's text: `[#####.....]  50%  inserting mutations  12.3 s`. */
export function progressLine(done: number, total: number, step: string, elapsedMs: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 1;
  const filled = Math.round(share * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.floor(share * 100)).padStart(3)}%  ${step}  ${formatSeconds(elapsedMs)}`;
}

export function createProgressBar(
  total: number,
  output: { isTTY?: boolean; write(text: string): unknown; columns?: number } = process.stderr,
  clock: () => number = () => performance.now(),
): ProgressBar {
  const started = clock();
  let lastStep = '';
  return {
    update(done, step) {
      const line = progressLine(done, total, step, clock() - started);
      if (output.isTTY) {
        const width = (output.columns ?? 100) - 1;
        output.write(`\r${line.slice(0, width).padEnd(width)}`);
      } else if (step !== lastStep) {
        output.write(`${line}\n`);
      }
      lastStep = step;
    },
    finish(summary) {
      const line = progressLine(total, total, summary, clock() - started);
      output.write(output.isTTY ? `\r${line.padEnd((output.columns ?? 100) - 1)}\n` : `${line}\n`);
    },
  };
}
