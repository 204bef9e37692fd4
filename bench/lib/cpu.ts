/**
 * CPU time from /proc (Linux): of a process, of everything it started (alive now or already
 * reaped, so that a sum does not drop when a child such as a PostgreSQL backend exits between two
 * samples), and of this bench process itself. Elsewhere than Linux the figures are null or NaN.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU ms of a process's own threads (utime + stime), of the children it has reaped (cutime + cstime), and its parent pid. */
function processTimes(pid: number): { ownMs: number; reapedMs: number; ppid: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // After the command name (which may hold spaces and parentheses): ppid is the 2nd field, utime to cstime the 12th to 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ms = (from: number) => ((Number(fields[from]) + Number(fields[from + 1])) * 1000) / CLOCK_TICKS;
    return { ownMs: ms(11), reapedMs: ms(13), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** CPU ms of a process itself, and separately of all its descendants, those alive now and those reaped. */
export function processTreeCpuMs(pid: number | null | undefined): { self: number; descendants: number } | null {
  if (pid === undefined || pid === null) return null;
  const top = processTimes(pid);
  if (!top) return null;
  const all = new Map<number, NonNullable<ReturnType<typeof processTimes>>>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const times = processTimes(Number(entry));
    if (times) all.set(Number(entry), times);
  }
  const inTree = new Set([pid]);
  let descendants = top.reapedMs;
  for (let grew = true; grew;) {
    grew = false;
    for (const [child, times] of all) {
      if (!inTree.has(child) && inTree.has(times.ppid)) {
        inTree.add(child);
        descendants += times.ownMs + times.reapedMs;
        grew = true;
      }
    }
  }
  return { self: top.ownMs, descendants };
}

/** CPU ms of a process and everything under it, NaN when unreadable: for PostgreSQL, the postmaster and its backends. */
export function wholeTreeCpuMs(pid: number | null | undefined): number {
  const tree = processTreeCpuMs(pid);
  return tree ? tree.self + tree.descendants : Number.NaN;
}

/** CPU ms of one process's own threads, NaN when unreadable. */
export function processCpuMs(pid: number | null | undefined): number {
  const times = pid === undefined || pid === null ? null : processTimes(pid);
  return times ? times.ownMs : Number.NaN;
}

/** CPU ms this bench process has used. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
