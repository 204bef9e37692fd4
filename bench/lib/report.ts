/** How every bench reports: a table of its figures, PASS/MISS against its targets, and a JSON file of everything. */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, root, say } from './basics';

/** A label and its figures on each line: what was measured beside its floor or yardstick. */
export function printLabelled(rows: [string, string][]) {
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
}

/** A table with a header: the first column left-aligned, the figures right-aligned. */
export function printColumns(header: string[], rows: string[][]) {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

export interface TargetCheck {
  target: string;
  measured: string | number;
  pass: boolean;
}

/** PASS or MISS for each target: a missed target is a finding, not a failure of the bench. */
export function printTargets(targets: TargetCheck[]) {
  for (const check of targets) console.log(`${check.pass ? 'PASS' : 'MISS'}  ${check.target} (measured ${check.measured})`);
}

/** Writes bench/results/<name>.json: when it finished, then everything the bench hands over. */
export function writeResults(name: string, results: Record<string, unknown>) {
  const file = path.join(RESULTS_DIR, `${name}.json`);
  writeFileSync(file, `${JSON.stringify({ finishedAt: new Date().toISOString(), ...results }, null, 2)}\n`);
  say(`Results written to ${path.relative(root, file)}`);
}
