import { spawn } from 'node:child_process';
import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { dialectOf } from '../store/database.ts';

/** Runs a PostgreSQL client tool; its own message is the error when it fails. */
function runTool(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error) => reject(new Error(`${command} could not run (${error.message}): install the PostgreSQL client tools`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${command} failed: ${stderr.trim()}`))));
  });
}

const sqliteFile = (url: string): string => url.slice('sqlite:'.length);

/**
 * A consistent copy of the database while the server keeps running: SQLite's online backup
 * (pages copied under its own locking, WAL included), or pg_dump's custom format (one snapshot).
 */
export async function backupDatabase(url: string, file: string): Promise<void> {
  if (dialectOf(url) === 'postgres') {
    await runTool('pg_dump', ['--format=custom', '--no-owner', `--file=${file}`, `--dbname=${url}`]);
    return;
  }
  const source = new SqliteDatabase(sqliteFile(url), { fileMustExist: true });
  try {
    await source.backup(file);
  } finally {
    source.close();
  }
}

/**
 * Puts a backup in place of the database. Stop every server first: a running one would keep
 * writing to what is being replaced. PostgreSQL: one transaction, so a failed restore leaves
 * the database as it was.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no backup file at ${file}`);
  if (dialectOf(url) === 'postgres') {
    await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${url}`, file]);
    return;
  }
  const backup = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    backup.pragma('quick_check');
    const target = sqliteFile(url);
    // The old write-ahead log belongs to the old database: left in place it would be replayed over the backup.
    for (const suffix of ['-wal', '-shm']) fs.rmSync(`${target}${suffix}`, { force: true });
    await backup.backup(target);
  } finally {
    backup.close();
  }
}
