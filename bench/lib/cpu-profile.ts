/** V8 CPU profiles of a bench's child processes: the node flags that write them, and a summary by package and function. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fmt, root, round } from './basics';

/** Node flags that make a process write its CPU profile into `dir` when it exits. */
export const cpuProfileArgs = (dir: string) => ['--cpu-prof', `--cpu-prof-dir=${dir}`];

interface CpuProfileFile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

interface CpuShare {
  name: string;
  ms: number;
  share: number;
}

export interface CpuProfileSummary {
  files: string[];
  busyMs: number;
  idleMs: number;
  byPackage: CpuShare[];
  topFunctions: CpuShare[];
}

function packageOf(functionName: string, url: string): string {
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(program: V8 and native code)';
  if (url.startsWith('wasm://')) return 'WebAssembly (Prisma query compiler)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return 'node internals';
  const inRepo = url.replace(/^file:\/\//, '');
  if (inRepo.startsWith(root)) {
    const relative = path.relative(root, inRepo).split(path.sep);
    return relative[0] === 'lib' && relative[1] === 'generated' ? 'lib/generated (Prisma client)' : relative.slice(0, 2).join('/');
  }
  return url === '' ? '(native)' : 'other';
}

/** Self time of the CPU profile(s) in `dir`, by package and by function; idle time left out of the shares. */
export function summarizeCpuProfiles(dir: string): CpuProfileSummary | undefined {
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.cpuprofile')) : [];
  if (files.length === 0) return undefined;
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let idleMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CpuProfileFile;
    const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id);
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      if (!frame || frame.functionName === '(idle)') {
        idleMs += ms;
        return;
      }
      const pkg = packageOf(frame.functionName, frame.url);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + ms);
      const where = frame.url ? `${frame.url.replace(/^.*node_modules\//, '').replace(`file://${root}/`, '')}:${frame.lineNumber + 1}` : '';
      const name = `${frame.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
    });
  }
  const busyMs = [...byPackage.values()].reduce((sum, ms) => sum + ms, 0);
  const shares = (map: Map<string, number>, limit: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, ms]) => ({ name, ms: round(ms, 0), share: round((100 * ms) / busyMs, 1) }));
  return { files, busyMs: round(busyMs, 0), idleMs: round(idleMs, 0), byPackage: shares(byPackage, 15), topFunctions: shares(byFunction, 20) };
}

/** Prints a summary: the shares by package, then the busiest functions. */
export function printCpuProfileSummary(title: string, summary: CpuProfileSummary) {
  console.log(`\n${title} (${fmt(summary.busyMs)} ms busy, ${fmt(summary.idleMs)} ms idle):`);
  for (const entry of summary.byPackage) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.name}`);
  console.log('its busiest functions (self time):');
  for (const entry of summary.topFunctions) console.log(`  ${entry.share.toFixed(1).padStart(5)}%  ${entry.name}`);
}
