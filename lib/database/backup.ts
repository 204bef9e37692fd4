/**
 * Backups of the embedded PostgreSQL while it runs, without pg_dump: the embedded package ships
 * only initdb, pg_ctl and postgres. A backup is PostgreSQL's own online base backup, taken over
 * SQL (pg_backup_start / pg_backup_stop, as pg_basebackup does over the replication protocol):
 * the data folder's files copied while the server writes, plus the write-ahead log from the
 * backup's start to its end. Restoring replays that log, so the copy is consistent as of the end of
 * the backup, whatever was written meanwhile. A temporary replication slot keeps that log from
 * being recycled while the files are copied.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, chown, mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createGunzip, createGzip } from 'node:zlib';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { clusterDirectory, credentialsFile } from '@/lib/database/embedded';
import { readTar, tarEnd, tarHeader, tarPadding, writeTo, type TarEntry } from '@/lib/database/tar';

const MANIFEST = 'cocok-backup.json';
const CLUSTER = 'postgres';
const CHUNK = 1 << 20;

export interface BackupManifest {
  format: 1;
  postgresVersion: string;
  startedAt: string;
  finishedAt: string;
  startLsn: string;
  stopLsn: string;
}

export interface BackupSummary extends BackupManifest {
  file: string;
  bytes: number;
  files: number;
}

/**
 * What PostgreSQL itself leaves out of a base backup (pg_basebackup's lists): the contents of
 * these folders are rebuilt at start-up, and these files belong to the running server.
 */
const EMPTIED_FOLDERS = new Set(['pg_wal', 'pg_dynshmem', 'pg_notify', 'pg_replslot', 'pg_serial', 'pg_snapshots', 'pg_stat_tmp', 'pg_subtrans']);
const SKIPPED_FILES = new Set(['postmaster.pid', 'postmaster.opts', 'backup_label', 'tablespace_map', 'current_logfiles', 'pg_internal.init']);
const WAL_SEGMENT = /^[0-9A-F]{24}$/;

/**
 * Writes a consistent backup of the embedded database in `dataDir` (its server running, reached
 * at `url` as its superuser) to `out`, a gzipped tar; a failed backup leaves no file behind.
 */
export async function backupEmbeddedDatabase(options: { dataDir: string; url: string; out: string }): Promise<BackupSummary> {
  const clusterDir = clusterDirectory(options.dataDir);
  const partial = `${options.out}.partial`;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  const archive = createGzip({ level: 6 });
  const file = createWriteStream(partial, { mode: 0o600 });
  archive.pipe(file);
  let files = 0;
  const sink: TreeSink = {
    folder: (entry) => writeTo(archive, tarHeader(entry)),
    file: async (entryPath, from) => {
      if (await copyFile(archive, entryPath, from)) files += 1;
    },
  };
  const addBytes = async (entryPath: string, bytes: Buffer) => {
    await writeTo(archive, tarHeader({ path: entryPath, type: 'file', mode: 0o600, size: bytes.length, mtime: new Date() }));
    await writeTo(archive, bytes);
    await writeTo(archive, tarPadding(bytes.length));
    files += 1;
  };
  try {
    const startedAt = new Date();
    const postgresVersion = (await readFile(path.join(clusterDir, 'PG_VERSION'), 'utf8')).trim();
    await client.query(`SELECT pg_create_physical_replication_slot($1, true, true)`, [`cocok_backup_${process.pid}`]);
    const start = await client.query<{ lsn: string; wal: string }>(
      `SELECT lsn::text, pg_walfile_name(lsn) AS wal FROM pg_backup_start('cocok backup', true) AS lsn`,
    );
    await sink.folder({ path: CLUSTER, type: 'directory', mode: 0o700, size: 0, mtime: startedAt });
    await addBytes('credentials.json', await readFile(credentialsFile(options.dataDir)));
    await copyTree(clusterDir, CLUSTER, sink);

    const stop = await client.query<{ lsn: string; wal: string; labelfile: string; spcmapfile: string }>(
      `SELECT lsn::text, pg_walfile_name(lsn) AS wal, labelfile, spcmapfile FROM pg_backup_stop(false)`,
    );
    const { wal: firstWal } = start.rows[0]!;
    const { lsn: stopLsn, wal: lastWal, labelfile, spcmapfile } = stop.rows[0]!;
    for (const name of (await readdir(path.join(clusterDir, 'pg_wal'))).sort()) {
      const needed = (WAL_SEGMENT.test(name) && name >= firstWal && name <= lastWal) || name.endsWith('.history');
      if (needed) await sink.file(`${CLUSTER}/pg_wal/${name}`, path.join(clusterDir, 'pg_wal', name));
    }
    await addBytes(`${CLUSTER}/backup_label`, Buffer.from(labelfile));
    if (spcmapfile) await addBytes(`${CLUSTER}/tablespace_map`, Buffer.from(spcmapfile));
    // Last, once the backup's end is known; a restore refuses an archive without it.
    const manifest: BackupManifest = {
      format: 1,
      postgresVersion,
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      startLsn: start.rows[0]!.lsn,
      stopLsn,
    };
    await addBytes(MANIFEST, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writeTo(archive, tarEnd());
    archive.end();
    await finished(file);
    await rename(partial, options.out);
    return { ...manifest, file: options.out, bytes: (await stat(options.out)).size, files };
  } catch (error) {
    archive.destroy();
    file.destroy();
    await rm(partial, { force: true });
    throw error;
  } finally {
    // Ending the session also ends a backup left unfinished and drops the temporary slot.
    await client.end();
  }
}

interface TreeSink {
  folder(entry: TarEntry): Promise<void>;
  file(entryPath: string, from: string): Promise<void>;
}

/** The files and folders under `dir`, as PostgreSQL's own base backup takes them. */
async function copyTree(dir: string, entryPath: string, sink: TreeSink): Promise<void> {
  const children = await readdir(dir, { withFileTypes: true }).catch(ignoreVanished);
  for (const child of (children ?? []).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const from = path.join(dir, child.name);
    const to = `${entryPath}/${child.name}`;
    if (child.isSymbolicLink()) throw new Error(`${from} is a symbolic link (a tablespace?): this backup copies one data folder only`);
    if (child.isDirectory()) {
      const info = await stat(from).catch(ignoreVanished);
      if (!info) continue;
      await sink.folder({ path: to, type: 'directory', mode: info.mode, size: 0, mtime: info.mtime });
      if (!EMPTIED_FOLDERS.has(child.name) && !child.name.startsWith('pgsql_tmp')) await copyTree(from, to, sink);
    } else if (child.isFile() && !SKIPPED_FILES.has(child.name) && !child.name.startsWith('pgsql_tmp')) {
      await sink.file(to, from);
    }
  }
}

/**
 * Copies one file as it is now. A file dropped meanwhile is left out, one that shrank is filled
 * with zeros, one that grew is cut at the size it had when opened: replaying the log mends all three.
 */
async function copyFile(archive: Writable, entryPath: string, from: string): Promise<boolean> {
  const handle = await open(from, 'r').catch(ignoreVanished);
  if (!handle) return false;
  try {
    const info = await handle.stat();
    await writeTo(archive, tarHeader({ path: entryPath, type: 'file', mode: info.mode, size: info.size, mtime: info.mtime }));
    let left = info.size;
    while (left > 0) {
      const buffer = Buffer.alloc(Math.min(CHUNK, left));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, info.size - left);
      // Shrunk: the rest stays zeros.
      await writeTo(archive, bytesRead === 0 ? buffer : buffer.subarray(0, bytesRead));
      left -= bytesRead === 0 ? buffer.length : bytesRead;
    }
    await writeTo(archive, tarPadding(info.size));
    return true;
  } finally {
    await handle.close();
  }
}

function ignoreVanished(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT') return undefined;
  throw error;
}

export class RestoreRefused extends Error {}

/**
 * Unpacks a backup into `dataDir`, which must be empty or not exist: the data folder is then as
 * the backup left it, and the server's next start replays the log to the backup's end.
 */
export async function restoreEmbeddedDatabase(options: { file: string; dataDir: string }): Promise<BackupManifest> {
  const dataDir = path.resolve(options.dataDir);
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new RestoreRefused(
      `The data folder ${dataDir} is not empty. A restore goes only into an empty (or new) folder, so that it never overwrites a database: ` +
        `move that folder aside, or restore into another one (--data-dir) and point COCOK_DATA_DIR at it.`,
    );
  }
  if (!existsSync(options.file)) throw new RestoreRefused(`There is no backup file ${options.file}.`);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  let manifest: BackupManifest | undefined;
  try {
    await readTar(createReadStream(options.file).pipe(createGunzip()), async (entry) => {
      const target = safeTarget(dataDir, entry.path);
      if (entry.type === 'directory') {
        await mkdir(target, { recursive: true, mode: 0o700 });
        return;
      }
      if (entry.path === MANIFEST) {
        const chunks: Buffer[] = [];
        return {
          onData: async (chunk) => void chunks.push(Buffer.from(chunk)),
          done: async () => {
            manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as BackupManifest;
          },
        };
      }
      await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const out = createWriteStream(target, { mode: 0o600 });
      return { onData: (chunk) => writeTo(out, chunk), done: () => (out.end(), finished(out)) };
    });
    if (!manifest || manifest.format !== 1) throw new RestoreRefused(`${options.file} is not a Cocok backup (it has no ${MANIFEST}).`);
    await chmod(clusterDirectory(dataDir), 0o700);
    if (process.getuid?.() === 0) await giveToPostgresUser(dataDir);
    return manifest;
  } catch (error) {
    // Half a data folder must not pass for a database at the next start.
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

function safeTarget(root: string, entryPath: string): string {
  const target = path.resolve(root, entryPath);
  if (target !== root && !target.startsWith(`${root}${path.sep}`))
    throw new RestoreRefused(`the backup names a path outside its folder: ${entryPath}`);
  return target;
}

/** As root, embedded PostgreSQL runs as the `postgres` user (lib/database/embedded.ts): its files must be that user's. */
async function giveToPostgresUser(dataDir: string) {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  const [uid, gid] = [id('-u'), id('-g')];
  const walk = async (target: string) => {
    await chown(target, uid, gid);
    const info = await stat(target);
    if (info.isDirectory()) for (const child of await readdir(target)) await walk(path.join(target, child));
  };
  await walk(clusterDirectory(dataDir));
}
