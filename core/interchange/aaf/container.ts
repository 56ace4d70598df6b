import CFB from 'cfb';

/**
 * The Structured Storage (Compound File Binary, MS-CFB) container under AAF, read by
 * SheetJS `cfb`. This is the only file that touches the library. Its types describe bytes as
 * `number[] | Uint8Array` (no Node `Buffer` in the declarations); at runtime under Node it
 * may hand back `Buffer`s, which are `Uint8Array`s, and on a plain `Uint8Array` it never
 * reaches for `fs` (that is only for `readFile`). Everything leaves here as `Uint8Array`.
 *
 * Paths are the storage names joined with `/`, without cfb's `Root Entry/` prefix: the root
 * storage is `''`, an object storage is `Header-2/Content-3b03/`, a stream is
 * `Header-2/properties`.
 */

export interface CfbStorage {
  /** The directory entry's CLSID, which AAF sets to the stored object's class AUID (16 bytes as stored, hex). */
  readonly clsid: string;
}

export interface CfbContainer {
  readonly storages: ReadonlyMap<string, CfbStorage>;
  readonly streams: ReadonlyMap<string, Uint8Array>;
}

export type CfbOpenResult = { readonly ok: true; readonly value: CfbContainer } | { readonly ok: false; readonly reason: string };

const ROOT = 'Root Entry/';

function bytesOf(content: number[] | Uint8Array | undefined): Uint8Array {
  if (!content) return new Uint8Array(0);
  return content instanceof Uint8Array ? content : Uint8Array.from(content);
}

/** Opens the container; a malformed one (bad header, sector chain past the end) is a reason, never a throw. */
export function openCfbContainer(bytes: Uint8Array): CfbOpenResult {
  let parsed;
  try {
    parsed = CFB.parse(bytes, { type: 'array' });
  } catch (e) {
    return { ok: false, reason: e instanceof Error ? e.message : String(e) };
  }
  const storages = new Map<string, CfbStorage>();
  const streams = new Map<string, Uint8Array>();
  const paths = parsed.FullPaths ?? [];
  const entries = parsed.FileIndex ?? [];
  for (let i = 0; i < paths.length && i < entries.length; i++) {
    const full = paths[i]!;
    const entry = entries[i]!;
    const path = full.startsWith(ROOT) ? full.slice(ROOT.length) : full;
    // Entry types (MS-CFB 2.6.1): 1 storage, 2 stream, 5 root storage.
    if (entry.type === 1 || entry.type === 5) storages.set(path, { clsid: typeof entry.clsid === 'string' ? entry.clsid.toLowerCase() : '' });
    else if (entry.type === 2) streams.set(path, bytesOf(entry.content));
  }
  if (!storages.has('')) return { ok: false, reason: 'the container has no root storage' };
  return { ok: true, value: { storages, streams } };
}
