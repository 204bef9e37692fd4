import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What `next build` reads; the Prisma client under lib/generated/ is skipped for the schema it is made from. */
export const BUILD_SOURCES = [
  'app',
  'components',
  'lib',
  'public',
  'proxy.ts',
  'instrumentation-client.ts',
  'prisma/schema.prisma',
  'next.config.ts',
  'package-lock.json',
  'postcss.config.mjs',
  'tsconfig.json',
];
const SKIP = new Set(['node_modules', 'generated', '.next', '.data']);
const FINGERPRINT_FILE = path.join('.next', 'cocok-build-fingerprint');

/** A hash of the names, sizes and times of the files a production build is made from. */
export function sourceFingerprint(root: string): string {
  const hash = createHash('sha256');
  const visit = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) if (!SKIP.has(child)) visit(path.join(entry, child));
    } else {
      hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  BUILD_SOURCES.forEach(visit);
  return hash.digest('hex');
}

export function isBuildCurrent(root: string): boolean {
  const file = path.join(root, FINGERPRINT_FILE);
  return existsSync(path.join(root, '.next', 'BUILD_ID')) && existsSync(file) && readFileSync(file, 'utf8') === sourceFingerprint(root);
}

/** `next build`, then remember what it was built from so that a start can tell whether it is current. */
export function buildWebApp(root: string): void {
  const build = spawnSync(path.join(root, 'node_modules/.bin/next'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  writeFileSync(path.join(root, FINGERPRINT_FILE), sourceFingerprint(root));
}
