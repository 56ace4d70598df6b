import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { UsageError } from './io.ts';

/** Reads a file the user named; an unreadable path is a usage error that says which file and why (exit 2). */
export function readInputBytes(path: string): Uint8Array {
  try {
    if (statSync(path).isDirectory()) throw new UsageError(`${path} is a folder; expected a file`);
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    if (e instanceof UsageError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    throw new UsageError(`cannot read ${path}: ${why}`);
  }
}

/**
 * Writes `data` to `path` atomically: a temporary file in the same folder, flushed, then
 * renamed over. An existing file is never replaced unless `force` is set.
 */
export function writeOutputAtomic(path: string, data: string | Uint8Array, options: { force?: boolean } = {}): void {
  if (existsSync(path) && !options.force) throw new UsageError(`${path} exists; pass --force to replace it`);
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.partial`);
  let fd: number | undefined;
  try {
    fd = openSync(tmp, 'wx');
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    if (existsSync(tmp)) unlinkSync(tmp);
    if (e instanceof UsageError) throw e;
    throw new UsageError(`cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Reads a JSON file the user named; unreadable or malformed JSON is a usage error naming the file. */
export function readJsonFile(path: string): unknown {
  const text = new TextDecoder().decode(readInputBytes(path));
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UsageError(`${path}: not valid JSON (${(e as Error).message})`);
  }
}
