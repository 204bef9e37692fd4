/**
 * The little of the tar format (POSIX ustar) a backup needs: directories and regular files,
 * written and read as streams, so that `tar -tzf` can list a backup and a data folder of any size
 * passes through in fixed memory.
 */
import type { Readable, Writable } from 'node:stream';

const BLOCK = 512;
const MAX_SIZE = 8 ** 11 - 1;

export interface TarEntry {
  /** Relative, with forward slashes; directories without a trailing slash. */
  path: string;
  type: 'file' | 'directory';
  mode: number;
  size: number;
  mtime: Date;
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function splitName(name: string): { prefix: string; name: string } {
  if (Buffer.byteLength(name) <= 100) return { prefix: '', name };
  for (let cut = name.indexOf('/'); cut !== -1; cut = name.indexOf('/', cut + 1)) {
    const prefix = name.slice(0, cut);
    const rest = name.slice(cut + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(rest) <= 100) return { prefix, name: rest };
  }
  throw new Error(`the path ${name} is too long for a tar archive`);
}

/** The 512-byte header of one entry. */
export function tarHeader(entry: TarEntry): Buffer {
  if (entry.size > MAX_SIZE) throw new Error(`${entry.path} is larger than a tar entry can hold`);
  const header = Buffer.alloc(BLOCK);
  const { prefix, name } = splitName(entry.type === 'directory' ? `${entry.path}/` : entry.path);
  header.write(name, 0, 100);
  header.write(octal(entry.mode & 0o7777, 8), 100);
  header.write(octal(0, 8), 108);
  header.write(octal(0, 8), 116);
  header.write(octal(entry.type === 'file' ? entry.size : 0, 12), 124);
  header.write(octal(Math.floor(entry.mtime.getTime() / 1000), 12), 136);
  header.write(' '.repeat(8), 148);
  header.write(entry.type === 'file' ? '0' : '5', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  header.write(prefix, 345, 155);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return header;
}

/** The zeros after a file's data up to the next block. */
export const tarPadding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** The two empty blocks that end an archive. */
export const tarEnd = () => Buffer.alloc(2 * BLOCK);

/** Writes to a stream, waiting whenever it asks to. */
export function writeTo(stream: Writable, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const ok = stream.write(chunk, (error) => error && reject(error));
    if (ok) resolve();
    else stream.once('drain', resolve);
  });
}

function readHeader(block: Buffer): TarEntry | null {
  if (block.every((byte) => byte === 0)) return null;
  const text = (start: number, length: number) => block.toString('utf8', start, start + length).replace(/\0.*$/s, '');
  const number = (start: number, length: number) => parseInt(text(start, length).trim() || '0', 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : block[i]!;
  if (sum !== number(148, 8)) throw new Error('the archive is damaged: a header checksum does not match');
  const type = text(156, 1);
  if (type !== '0' && type !== '' && type !== '5') throw new Error(`the archive holds an entry of a kind a backup never has (type ${type})`);
  const prefix = text(345, 155);
  const name = (prefix ? `${prefix}/` : '') + text(0, 100);
  return {
    path: name.replace(/\/$/, ''),
    type: type === '5' ? 'directory' : 'file',
    mode: number(100, 8),
    size: type === '5' ? 0 : number(124, 12),
    mtime: new Date(number(136, 12) * 1000),
  };
}

/**
 * Reads an archive entry by entry: `onEntry` gets each entry and, for a file, its data as
 * chunks through `onData`; the next entry waits until the promise it returns settles.
 */
export async function readTar(
  input: Readable,
  onEntry: (entry: TarEntry) => Promise<{ onData(chunk: Buffer): Promise<void>; done(): Promise<void> } | void>,
): Promise<void> {
  let pending: Buffer = Buffer.alloc(0);
  let current: { entry: TarEntry; left: number; padding: number; sink: Awaited<ReturnType<typeof onEntry>> } | null = null;
  let ended = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (!ended) {
      if (current) {
        if (current.left > 0) {
          if (pending.length === 0) break;
          const take = Math.min(current.left, pending.length);
          if (current.sink) await current.sink.onData(pending.subarray(0, take));
          pending = pending.subarray(take);
          current.left -= take;
          if (current.left > 0) break;
        }
        if (pending.length < current.padding) break;
        pending = pending.subarray(current.padding);
        if (current.sink) await current.sink.done();
        current = null;
      }
      if (pending.length < BLOCK) break;
      const entry = readHeader(pending.subarray(0, BLOCK));
      pending = pending.subarray(BLOCK);
      if (!entry) {
        ended = true;
        break;
      }
      current = { entry, left: entry.size, padding: tarPadding(entry.size).length, sink: await onEntry(entry) };
    }
  }
  if (current || !ended) throw new Error('the archive ends too early: the backup file is incomplete');
}
