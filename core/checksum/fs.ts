import type { ChecksumHasherFactory } from './hash.ts';
import type { ChecksumTextDecoder } from './text.ts';

/**
 * The file system the checksum operations run over, injected so core stays pure. Paths are
 * `/`-separated strings as the caller gave them; core only joins names onto them.
 */
export interface ChecksumFileSystem {
  /** The entries of a folder (no `.`/`..`); symbolic links are reported as what they point to. */
  list(path: string): Promise<readonly ChecksumDirEntry[]>;
  /** Facts of one path, or undefined when nothing is there. */
  stat(path: string): Promise<ChecksumStat | undefined>;
  /**
   * The file's bytes, streamed in chunks of the host's choosing. With `transient: true` the
   * caller is done with each chunk before it asks for the next one, so the host may read every
   * chunk into the same memory (hashing does; collecting a whole file does not).
   */
  read(path: string, options?: { readonly transient?: boolean }): AsyncIterable<Uint8Array>;
  /**
   * Writes a whole file atomically (temporary file + rename). With `replace: false` an existing
   * file is never touched and the call rejects; `replace: true` is used only for ascmhl_chain.xml.
   */
  write(path: string, data: Uint8Array, options: { replace: boolean }): Promise<void>;
  /** Creates a folder (and its parents); no error when it exists. */
  makeFolder(path: string): Promise<void>;
  /** Decodes legacy text encodings core does not decode itself (EUC-JP, Windows-1251 …). */
  readonly decodeText?: ChecksumTextDecoder;
  /** Faster hashers of the host's own (native code); the formats it has none for use hash-wasm. */
  readonly hashers?: ChecksumHasherFactory;
}

export interface ChecksumDirEntry {
  readonly name: string;
  readonly kind: 'file' | 'folder';
}

export interface ChecksumStat {
  readonly kind: 'file' | 'folder';
  /** Bytes. */
  readonly size: number;
  /** Last modification, milliseconds since 1970-01-01T00:00:00Z. */
  readonly modifiedMs: number;
}

/** Progress of a hashing pass: bytes are counted over every file the operation hashes. */
export interface ChecksumProgress {
  readonly path: string;
  readonly fileBytes: number;
  readonly fileSize: number;
  readonly doneBytes: number;
  readonly totalBytes: number;
  readonly doneFiles: number;
  readonly totalFiles: number;
}

export type ChecksumProgressListener = (p: ChecksumProgress) => void;

/** `a/b` from `a` and `b`; an empty side is skipped. */
export function joinedPath(base: string, rel: string): string {
  if (!base) return rel;
  if (!rel) return base;
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}

/** The last component of a path (`/x/A002R2EC/` -> `A002R2EC`). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  return parts[parts.length - 1] ?? '';
}

/** The folder part of a relative path (`a/b/c` -> `a/b`, `c` -> ``). */
export function parentPath(rel: string): string {
  const i = rel.lastIndexOf('/');
  return i < 0 ? '' : rel.slice(0, i);
}

/** A manifest path is usable when it is relative and never climbs out with `..`. */
export function isSafeRelativePath(rel: string): boolean {
  if (rel === '' || rel.startsWith('/') || rel.startsWith('\\') || /^[A-Za-z]:/.test(rel)) return false;
  return !rel.split(/[\\/]/).some((p) => p === '..');
}

/** The key two spellings of a path are compared by: NFC, `/` separators, no trailing slash. */
export function pathKey(rel: string): string {
  return rel.normalize('NFC').replace(/\\/g, '/').replace(/\/+$/, '');
}
