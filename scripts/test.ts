import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findChromium } from '@/lib/runtime/chromium';

/** `npm test`: every check a change must pass, in the order that fails fastest. */
const root = path.resolve(import.meta.dirname, '..');
const reports = path.join(root, 'test-results', 'reports');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

interface Tally {
  passed: number;
  failed: number;
}
const total: Tally = { passed: 0, failed: 0 };

function step(title: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  console.log(`\n▶ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function countVitest(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  total.passed += report.numPassedTests;
  total.failed += report.numFailedTests;
}

function countPlaywright(file: string) {
  if (!existsSync(file)) return;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number } };
  total.passed += report.stats.expected + report.stats.flaky;
  total.failed += report.stats.unexpected;
}

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const vitest = (project: string) => [
  'run',
  '--project',
  project,
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, `${project}.json`)}`,
];

/** The browser tests drive a Chromium or Chrome found on this machine, else Playwright's own, installed here. */
function browserReady(): boolean {
  if (findChromium({ env: process.env, platform: process.platform, exists: existsSync })) return true;
  return step("No Chromium or Chrome found (set CHROMIUM_PATH to use one): installing Playwright's", bin('playwright'), ['install', 'chromium']);
}

const steps: [string, () => boolean][] = [
  ['Lint', () => step('Lint', bin('eslint'), ['--max-warnings=0', '.'])],
  ['Format check', () => step('Format check', bin('prettier'), ['--check', '.'])],
  ['Type check', () => step('Type check', bin('tsc'), ['--noEmit', '-p', '.'])],
  ['Unit tests', () => step('Unit tests', bin('vitest'), vitest('unit'))],
  ['Production build', () => step('Production build', bin('tsx'), ['scripts/build.ts'])],
  ['Integration tests', () => step('Integration tests', bin('vitest'), vitest('integration'))],
  [
    'Browser tests',
    () => browserReady() && step('Browser tests', bin('playwright'), ['test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'e2e.json') }),
  ],
];

const failedSteps: string[] = [];
for (const [title, run] of steps) {
  if (!run()) failedSteps.push(title);
  if (title === 'Production build' && failedSteps.includes(title)) break;
}
countVitest(path.join(reports, 'unit.json'));
countVitest(path.join(reports, 'integration.json'));
countPlaywright(path.join(reports, 'e2e.json'));

console.log(failedSteps.length ? `\nFailed steps: ${failedSteps.join(', ')}` : '\nAll steps passed.');
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
