/** What every bench says and computes: where results go, progress lines, percentiles, the machine it ran on. */
import os from 'node:os';
import path from 'node:path';

export const root = path.resolve(import.meta.dirname, '..', '..');
export const RESULTS_DIR = path.join(root, 'bench', 'results');

const PROGRESS_EVERY_MS = 2_000;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const say = (line: string) => console.log(`[bench] ${line}`);

export const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? Number.NaN : sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
export const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

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

/** A flag's whole number between `min` and `max`; `unit` names what it counts in the error ("seconds"). */
export function wholeNumber(flag: string, text: string, min: number, max: number, unit?: string): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`--${flag} must be a whole number ${unit ? `of ${unit} ` : ''}from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

/** A count as the reports print it: 12,345. */
export const fmt = (value: number) => Math.round(value).toLocaleString('en-US');

/** A progress line every 2 s (and at the end): done of total, the share, the rate so far. */
export function progressReporter(label: string, total: number) {
  const started = performance.now();
  let lastPrinted = 0;
  return (done: number, extra = '') => {
    const now = performance.now();
    if (done < total && now - lastPrinted < PROGRESS_EVERY_MS) return;
    lastPrinted = now;
    const rate = done / ((now - started) / 1000);
    say(`${label}: ${fmt(done)}/${fmt(total)} (${Math.floor((100 * done) / total)}%), ${fmt(rate)}/s${extra}`);
  };
}

/** Milliseconds as the reports print them: 12.3 s. */
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
