import { createReadStream } from 'node:fs';
import { link, mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ChecksumDirEntry, ChecksumFileSystem, ChecksumStat } from '@picturelock/core';
import { nativeChecksumHasher } from './native-hashers.ts';

export interface NodeChecksumFsOptions {
  /** Bytes per read; 4 MiB keeps a hashing pass near the drive's sequential speed (and in the CPU's cache). */
  readonly chunkSize?: number;
  /** Use hash-wasm for every format instead of the native hashers (OpenSSL, @node-rs/xxhash). */
  readonly wasmHashersOnly?: boolean;
  /** Called after every chunk read, with the chunk's size in bytes (for a byte-level progress bar). */
  readonly onRead?: (bytes: number) => void;
}

const DEFAULT_CHUNK = 4 * 1024 * 1024;

/** Node's decoder for legacy MHL encodings (EUC-JP, Windows-1251, ISO-8859-15 …); undefined for unknown labels. */
function decodeLegacyText(bytes: Uint8Array, encoding: string): string | undefined {
  try {
    return new TextDecoder(encoding.toLowerCase(), { fatal: false }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** Hard links fail on FAT/exFAT camera cards and some network shares. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Moves `tmp` to `path` unless `path` exists (EEXIST then). */
async function movedWithoutReplacing(tmp: string, path: string): Promise<void> {
  try {
    await link(tmp, path);
    await unlink(tmp);
  } catch (e) {
    if (!NO_LINKS.has((e as NodeJS.ErrnoException).code ?? '')) throw e;
    // No hard links here: check, then rename (a narrow race a second writer could only lose to).
    if (await stat(path).then(() => true, () => false)) throw Object.assign(new Error(`${path} exists`), { code: 'EEXIST' });
    await rename(tmp, path);
  }
}

/**
 * The checksum file system over node:fs: folders listed with their kinds (links followed),
 * files streamed in chunks, writes atomic (a temporary file in the same folder, flushed, then
 * moved into place). A write that must not replace uses link(2), which fails when the name
 * exists, so two writers can never overwrite each other's generation. Hashing uses the native
 * hashers where they load.
 */
export function nodeChecksumFs(options: NodeChecksumFsOptions = {}): ChecksumFileSystem {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
  /** Read buffers of finished transient reads, kept for the next file (fresh memory costs a page fault per 4 KiB). */
  const spareBuffers: Buffer[] = [];

  /**
   * A transient read: two buffers in turn, the next chunk read (in libuv's thread pool) while
   * the caller hashes the current one, which it is done with before it asks for the next.
   */
  async function* readTransient(path: string): AsyncIterable<Uint8Array> {
    const fh = await open(path, 'r');
    const buffers = [spareBuffers.pop() ?? Buffer.allocUnsafeSlow(chunkSize), spareBuffers.pop() ?? Buffer.allocUnsafeSlow(chunkSize)];
    let turn = 0;
    const readNext = async (): Promise<Uint8Array> => {
      const buf = buffers[turn++ % 2]!;
      const { bytesRead } = await fh.read(buf, 0, chunkSize, null);
      return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
    };
    let pending: Promise<Uint8Array> | undefined = readNext();
    try {
      for (;;) {
        const chunk: Uint8Array = await pending;
        pending = undefined;
        if (chunk.length === 0) break;
        pending = readNext();
        options.onRead?.(chunk.length);
        yield chunk;
      }
    } finally {
      // A caller that stops early leaves a read in flight: it must end before the file closes.
      await pending?.catch(() => undefined);
      await fh.close();
      spareBuffers.push(...buffers);
    }
  }

  return {
    async list(path: string): Promise<ChecksumDirEntry[]> {
      const entries = await readdir(path, { withFileTypes: true });
      const out: ChecksumDirEntry[] = [];
      for (const e of entries) {
        if (e.isDirectory()) out.push({ name: e.name, kind: 'folder' });
        else if (e.isFile()) out.push({ name: e.name, kind: 'file' });
        else if (e.isSymbolicLink()) {
          const st = await stat(join(path, e.name)).catch(() => undefined);
          if (st?.isDirectory()) out.push({ name: e.name, kind: 'folder' });
          else if (st?.isFile()) out.push({ name: e.name, kind: 'file' });
        }
      }
      return out;
    },
    async stat(path: string): Promise<ChecksumStat | undefined> {
      try {
        const st = await stat(path);
        if (!st.isFile() && !st.isDirectory()) return undefined;
        return { kind: st.isDirectory() ? 'folder' : 'file', size: st.isFile() ? st.size : 0, modifiedMs: st.mtimeMs };
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
        throw e;
      }
    },
    async *read(path: string, readOptions: { readonly transient?: boolean } = {}): AsyncIterable<Uint8Array> {
      if (readOptions.transient) {
        yield* readTransient(path);
        return;
      }
      const stream = createReadStream(path, { highWaterMark: chunkSize });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        options.onRead?.(chunk.length);
        yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      }
    },
    async write(path: string, data: Uint8Array, { replace }: { replace: boolean }): Promise<void> {
      const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.partial`);
      const fh = await open(tmp, 'wx');
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      try {
        if (replace) await rename(tmp, path);
        else await movedWithoutReplacing(tmp, path);
      } catch (e) {
        await unlink(tmp).catch(() => undefined);
        throw e;
      }
    },
    async makeFolder(path: string): Promise<void> {
      await mkdir(path, { recursive: true });
    },
    decodeText: decodeLegacyText,
    ...(options.wasmHashersOnly ? {} : { hashers: nativeChecksumHasher }),
  };
}
