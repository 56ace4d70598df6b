import type { ChecksumFileSystem, ChecksumProgressListener } from './fs.ts';
import { ChecksumHasherPool, type ChecksumAlgorithm } from './hash.ts';

/** One file to hash in a pass: where it is, its size (for progress) and the formats wanted. */
export interface HashJob {
  readonly path: string;
  /** The path shown in progress (relative to the folder the user named). */
  readonly label: string;
  readonly size: number;
  readonly algorithms: ReadonlySet<ChecksumAlgorithm>;
}

export type HashOutcome = { readonly ok: true; readonly hashes: ReadonlyMap<ChecksumAlgorithm, string>; readonly bytes: number } | { readonly ok: false; readonly reason: string };

/**
 * Hashes each job's file in one streamed read, feeding every wanted format from the same
 * chunks. Files are hashed one after another (a drive reads fastest sequentially).
 */
export async function hashedFiles(
  fs: ChecksumFileSystem,
  jobs: readonly HashJob[],
  pool: ChecksumHasherPool,
  onProgress?: ChecksumProgressListener,
): Promise<HashOutcome[]> {
  const totalBytes = jobs.reduce((s, j) => s + j.size, 0);
  let doneBytes = 0;
  const out: HashOutcome[] = [];
  for (let i = 0; i < jobs.length; i++) {
    const job = jobs[i]!;
    const hashers = await Promise.all([...job.algorithms].map((a) => pool.get(a)));
    for (const h of hashers) h.init();
    let fileBytes = 0;
    try {
      for await (const chunk of fs.read(job.path, { transient: true })) {
        for (const h of hashers) h.update(chunk);
        fileBytes += chunk.length;
        doneBytes += chunk.length;
        onProgress?.({ path: job.label, fileBytes, fileSize: job.size, doneBytes, totalBytes, doneFiles: i, totalFiles: jobs.length });
      }
      out.push({ ok: true, hashes: new Map(hashers.map((h) => [h.algorithm, h.digest()])), bytes: fileBytes });
    } catch (e) {
      out.push({ ok: false, reason: e instanceof Error ? e.message : String(e) });
    }
    // A file that shrank while being read still advances the overall count to its stated size.
    doneBytes += Math.max(0, job.size - fileBytes);
    onProgress?.({ path: job.label, fileBytes, fileSize: job.size, doneBytes, totalBytes, doneFiles: i + 1, totalFiles: jobs.length });
  }
  return out;
}

/** All bytes of a (small) file: manifests and chain files. */
export async function readAllBytes(fs: ChecksumFileSystem, path: string): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of fs.read(path)) {
    parts.push(c);
    n += c.length;
  }
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function concatenated(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
