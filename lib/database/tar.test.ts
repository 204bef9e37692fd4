import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import { readTar, tarEnd, tarHeader, tarPadding, type TarEntry } from '@/lib/database/tar';

const longPath = `postgres/${'deep/'.repeat(25)}file`;

function archive(files: { path: string; data?: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  for (const file of files) {
    const entry: TarEntry = file.data
      ? { path: file.path, type: 'file', mode: 0o600, size: file.data.length, mtime: new Date(1_700_000_000_000) }
      : { path: file.path, type: 'directory', mode: 0o700, size: 0, mtime: new Date(1_700_000_000_000) };
    parts.push(tarHeader(entry));
    if (file.data) parts.push(file.data, tarPadding(file.data.length));
  }
  parts.push(tarEnd());
  return Buffer.concat(parts);
}

/** Reads an archive fed in chunks of `chunkSize` bytes, as a gunzip stream hands them over. */
async function read(bytes: Buffer, chunkSize = 700) {
  const chunks = Array.from({ length: Math.ceil(bytes.length / chunkSize) }, (_, i) => bytes.subarray(i * chunkSize, (i + 1) * chunkSize));
  const found: { path: string; type: string; data: string }[] = [];
  await readTar(Readable.from(chunks), async (entry) => {
    const item = { path: entry.path, type: entry.type, data: '' };
    found.push(item);
    if (entry.type === 'file') return { onData: async (chunk) => void (item.data += chunk.toString('utf8')), done: async () => {} };
  });
  return found;
}

const files = [
  { path: 'postgres' },
  { path: 'postgres/PG_VERSION', data: Buffer.from('17\n') },
  { path: 'postgres/empty', data: Buffer.alloc(0) },
  { path: longPath, data: Buffer.from('x'.repeat(1500)) },
];

describe('tar archives of a data folder', () => {
  test.each([1, 511, 512, 700, 100_000])('round trip, read in chunks of %i bytes', async (chunkSize) => {
    expect(await read(archive(files), chunkSize)).toEqual([
      { path: 'postgres', type: 'directory', data: '' },
      { path: 'postgres/PG_VERSION', type: 'file', data: '17\n' },
      { path: 'postgres/empty', type: 'file', data: '' },
      { path: longPath, type: 'file', data: 'x'.repeat(1500) },
    ]);
  });

  test('the system tar reads what we write', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cocok-tar-'));
    try {
      writeFileSync(path.join(dir, 'a.tar'), archive(files));
      const listed = spawnSync('tar', ['-xf', 'a.tar'], { cwd: dir, encoding: 'utf8' });
      expect(listed.status).toBe(0);
      expect(readFileSync(path.join(dir, longPath), 'utf8')).toBe('x'.repeat(1500));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('an archive cut short, or with a damaged header, is refused', async () => {
    const whole = archive(files);
    await expect(read(whole.subarray(0, whole.length - 1024 - 512))).rejects.toThrow('the archive ends too early');
    const damaged = Buffer.from(whole);
    damaged[1] = damaged[1]! ^ 1;
    await expect(read(damaged)).rejects.toThrow('a header checksum does not match');
  });
});
