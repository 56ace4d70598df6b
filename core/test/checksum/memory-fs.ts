import type { ChecksumDirEntry, ChecksumFileSystem, ChecksumStat } from '../../checksum/index.ts';
import { utf8Bytes } from '../../checksum/text.ts';

/** An in-memory file system for the checksum operations: `files` maps `/`-paths to bytes; folders are implied. */
export class MemoryFs implements ChecksumFileSystem {
  readonly files = new Map<string, { bytes: Uint8Array; modifiedMs: number }>();
  readonly folders = new Set<string>(['']);
  /** Chunk size of `read`, small so tests cross chunk boundaries. */
  constructor(private readonly chunk = 3) {}

  put(path: string, content: string | Uint8Array, modifiedMs = Date.UTC(2020, 0, 15, 13)): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
    this.files.set(path, { bytes: typeof content === 'string' ? utf8Bytes(content) : content, modifiedMs });
  }

  text(path: string): string {
    const f = this.files.get(path);
    if (!f) throw new Error(`no ${path}`);
    return new TextDecoder().decode(f.bytes);
  }

  async list(path: string): Promise<ChecksumDirEntry[]> {
    const prefix = path ? `${path}/` : '';
    const names = new Map<string, 'file' | 'folder'>();
    for (const f of this.files.keys()) if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) names.set(f.slice(prefix.length), 'file');
    for (const d of this.folders) if (d !== path && d.startsWith(prefix) && !d.slice(prefix.length).includes('/') && d.length > prefix.length) names.set(d.slice(prefix.length), 'folder');
    return [...names].map(([name, kind]) => ({ name, kind }));
  }

  async stat(path: string): Promise<ChecksumStat | undefined> {
    const f = this.files.get(path);
    if (f) return { kind: 'file', size: f.bytes.length, modifiedMs: f.modifiedMs };
    return this.folders.has(path) ? { kind: 'folder', size: 0, modifiedMs: Date.UTC(2020, 0, 15, 13) } : undefined;
  }

  async *read(path: string): AsyncIterable<Uint8Array> {
    const f = this.files.get(path);
    if (!f) throw new Error(`ENOENT: ${path}`);
    for (let i = 0; i < f.bytes.length; i += this.chunk) yield f.bytes.subarray(i, i + this.chunk);
  }

  async write(path: string, data: Uint8Array, { replace }: { replace: boolean }): Promise<void> {
    if (!replace && this.files.has(path)) throw new Error(`EEXIST: ${path}`);
    this.put(path, data.slice(), Date.UTC(2020, 0, 17, 14, 30));
  }

  async makeFolder(path: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i <= parts.length; i++) this.folders.add(parts.slice(0, i).join('/'));
  }
}
