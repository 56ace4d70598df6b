import { promises as fs } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { conformRecordCountedAt, conformRecordOfMediaInfo, type MediaRecord } from '@picturelock/core';
import { probeMedia, type ProbeOptions } from './probe.ts';

/**
 * A media folder as a conform inventory: every media file under it probed with ffprobe, a
 * few at a time, with progress reported, and cached by path + size + mtime in a JSON file
 * so a second run over unchanged media probes nothing.
 */

/** File extensions probed; everything else in the folder is skipped. */
export const INVENTORY_MEDIA_EXTENSIONS: readonly string[] = ['mov', 'mp4', 'm4v', 'mxf', 'avi', 'mkv', 'mts', 'm2ts', 'wav', 'aif', 'aiff', 'bwf', 'mp3', 'm4a', 'flac'];

export const INVENTORY_CACHE_SCHEMA = 'picturelock.media-cache/1';

export interface InventoryProgress {
  readonly done: number;
  readonly total: number;
  /** Of `done`, how many came from the cache. */
  readonly cached: number;
  readonly path: string;
}

export interface InventoryOptions extends ProbeOptions {
  /** Probes running at once (default 4). */
  readonly concurrency?: number;
  readonly onProgress?: (p: InventoryProgress) => void;
  /** The JSON cache file; none = no cache. */
  readonly cacheFile?: string;
  readonly extensions?: readonly string[];
}

export interface InventoryResult {
  readonly records: MediaRecord[];
  /** Files ffprobe could not read, with the reason. */
  readonly failures: { readonly path: string; readonly reason: string }[];
  readonly probed: number;
  readonly cached: number;
}

interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly record: MediaRecord;
}

interface CacheFile {
  readonly schema: string;
  readonly entries: Record<string, CacheEntry>;
}

async function readCache(path: string | undefined): Promise<Record<string, CacheEntry>> {
  if (!path) return {};
  try {
    const data = JSON.parse(await fs.readFile(path, 'utf8')) as Partial<CacheFile>;
    return data.schema === INVENTORY_CACHE_SCHEMA && data.entries && typeof data.entries === 'object' ? data.entries : {};
  } catch {
    // No cache yet, or one we cannot read: probe everything and write a fresh one.
    return {};
  }
}

async function writeCache(path: string, entries: Record<string, CacheEntry>): Promise<void> {
  await fs.mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  await fs.writeFile(tmp, `${JSON.stringify({ schema: INVENTORY_CACHE_SCHEMA, entries } satisfies CacheFile)}\n`);
  await fs.rename(tmp, path);
}

/** Every media file under `folder` (recursively, hidden files and folders skipped), sorted by path. */
export async function listMediaFiles(folder: string, extensions: readonly string[] = INVENTORY_MEDIA_EXTENSIONS): Promise<string[]> {
  const exts = new Set(extensions.map((e) => e.toLowerCase()));
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      if (e.name.startsWith('.')) continue;
      const p = join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && exts.has(e.name.slice(e.name.lastIndexOf('.') + 1).toLowerCase())) out.push(p);
    }
  };
  await walk(resolve(folder));
  return out.sort();
}

/** Probes every media file under `folder` into inventory records (in path order). */
export async function probeMediaFolder(folder: string, options: InventoryOptions = {}): Promise<InventoryResult> {
  const files = await listMediaFiles(folder, options.extensions);
  const cache = await readCache(options.cacheFile);
  // One cache file may serve many folders: entries outside this one are kept as they are.
  const root = resolve(folder) + sep;
  const next: Record<string, CacheEntry> = Object.fromEntries(Object.entries(cache).filter(([p]) => !p.startsWith(root)));
  const records = new Array<MediaRecord | undefined>(files.length);
  const failures: { path: string; reason: string }[] = [];
  let done = 0;
  let cached = 0;
  let probed = 0;
  let cursor = 0;
  const worker = async () => {
    while (cursor < files.length) {
      const i = cursor++;
      const path = files[i]!;
      const st = await fs.stat(path);
      const hit = cache[path];
      if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) {
        records[i] = options.timecodeRate ? conformRecordCountedAt(hit.record, options.timecodeRate) : hit.record;
        next[path] = hit;
        cached++;
      } else {
        const r = await probeMedia(path, options);
        probed++;
        if (r.ok) {
          // Cached as probed (sound counted in samples); counted at the asked rate per call.
          const record = conformRecordOfMediaInfo(r.value);
          records[i] = options.timecodeRate ? conformRecordCountedAt(record, options.timecodeRate) : record;
          next[path] = { size: st.size, mtimeMs: st.mtimeMs, record };
        } else failures.push({ path, reason: r.error });
      }
      done++;
      options.onProgress?.({ done, total: files.length, cached, path });
    }
  };
  const n = Math.max(1, Math.min(options.concurrency ?? 4, files.length || 1));
  await Promise.all(Array.from({ length: n }, worker));
  if (options.cacheFile) await writeCache(options.cacheFile, next);
  return { records: records.filter((r): r is MediaRecord => r !== undefined), failures: failures.sort((a, b) => a.path.localeCompare(b.path)), probed, cached };
}
