import { finding, type Finding } from '../findings/index.ts';
import { baseName, joinedPath, pathKey, type ChecksumFileSystem, type ChecksumProgressListener } from './fs.ts';
import { ChecksumHasherPool, hashBytes, type MhlAlgorithm } from './hash.ts';
import { concatenated, readAllBytes, type HashJob } from './hashing.ts';
import { ignoreMatcher, MHL_DEFAULT_IGNORE, type IgnoreMatcher } from './ignore.ts';
import {
  fileEntriesOf,
  mhlGenerationNumber,
  readMhlChain,
  readMhlManifest,
  type MhlChainEntry,
  type MhlHashValue,
  type MhlManifest,
} from './manifest.ts';
import { decodedXml, utf8Bytes } from './text.ts';

/** The folder of an ASC MHL history inside the managed folder. */
export const MHL_HISTORY_FOLDER = 'ascmhl';
export const MHL_CHAIN_FILE = 'ascmhl_chain.xml';

export interface LoadedGeneration {
  readonly fileName: string;
  readonly sequenceNr: number;
  readonly manifest: MhlManifest;
}

/** What the generations of one history say about one path (failed hashes left out, as the guidelines require). */
export interface MhlRecord {
  /** As the latest generation spells it. */
  readonly path: string;
  readonly size?: number;
  readonly hashes: readonly MhlHashValue[];
  /** The generation file that last listed it. */
  readonly manifest: string;
}

/** One `ascmhl/` history, loaded and its chain checked. */
export interface LoadedHistory {
  /** The managed folder relative to the folder the operation started at (`` for that folder). */
  readonly rel: string;
  readonly path: string;
  readonly generations: readonly LoadedGeneration[];
  readonly chain: readonly MhlChainEntry[];
  readonly records: ReadonlyMap<string, MhlRecord>;
  readonly latest?: MhlManifest;
  readonly ignorePatterns: readonly string[];
  readonly ignore: IgnoreMatcher;
  /** The next free sequence number. */
  readonly nextSequenceNr: number;
}

/** The C4 ID of bytes in memory. */
async function c4Of(pool: ChecksumHasherPool, bytes: Uint8Array): Promise<string> {
  return pool.hashOf('c4', bytes);
}

/**
 * Loads the history in `<path>/ascmhl`: the chain, every generation it lists (checking each
 * generation's C4 against the chain), and generation files the chain does not list.
 */
export async function loadedHistory(
  fs: ChecksumFileSystem,
  path: string,
  rel: string,
  pool: ChecksumHasherPool,
  findings: Finding[],
): Promise<LoadedHistory> {
  const folder = joinedPath(path, MHL_HISTORY_FOLDER);
  const label = joinedPath(rel, MHL_HISTORY_FOLDER);
  const entries = (await fs.stat(folder))?.kind === 'folder' ? await fs.list(folder) : [];
  const mhlFiles = entries.filter((e) => e.kind === 'file' && e.name.toLowerCase().endsWith('.mhl')).map((e) => e.name).sort();
  const generations: LoadedGeneration[] = [];
  let chain: MhlChainEntry[] = [];
  const chainPath = joinedPath(folder, MHL_CHAIN_FILE);
  const chainLabel = joinedPath(label, MHL_CHAIN_FILE);
  if (entries.some((e) => e.name === MHL_CHAIN_FILE && e.kind === 'file')) {
    const decoded = decodedXml(await readAllBytes(fs, chainPath), fs.decodeText);
    if (!decoded.ok) findings.push(finding('MHL_ENCODING_UNSUPPORTED', { file: chainLabel, encoding: decoded.encoding }, { where: { file: chainLabel } }));
    else {
      const read = readMhlChain(decoded.text, chainLabel);
      findings.push(...read.findings);
      chain = [...(read.value ?? [])];
    }
  } else if (mhlFiles.length > 0) {
    findings.push(finding('MHL_CHAIN_MISSING', { history: label }, { where: { file: label } }));
  }

  const load = async (fileName: string, sequenceNr: number, expectedC4?: string) => {
    const file = joinedPath(label, fileName);
    const bytes = await readAllBytes(fs, joinedPath(folder, fileName));
    if (expectedC4 !== undefined) {
      const actual = await c4Of(pool, bytes);
      if (actual !== expectedC4) findings.push(finding('MHL_GENERATION_MODIFIED', { path: file, expected: expectedC4, actual }, { where: { file }, expected: expectedC4, actual }));
    }
    const decoded = decodedXml(bytes, fs.decodeText);
    if (!decoded.ok) {
      findings.push(finding('MHL_ENCODING_UNSUPPORTED', { file, encoding: decoded.encoding }, { where: { file } }));
      return;
    }
    const read = readMhlManifest(decoded.text, file);
    findings.push(...read.findings);
    if (read.value) generations.push({ fileName, sequenceNr, manifest: read.value });
  };

  const chained = new Set<string>();
  for (let i = 0; i < chain.length; i++) {
    const c = chain[i]!;
    if (c.sequenceNr !== i + 1) {
      findings.push(finding('MHL_CHAIN_SEQUENCE_INVALID', { history: label, expected: i + 1, actual: String(c.sequenceNr) }, { where: { file: chainLabel } }));
    }
    chained.add(c.path);
    if (!mhlFiles.includes(c.path)) {
      findings.push(finding('MHL_GENERATION_MISSING', { path: joinedPath(label, c.path) }, { where: { file: chainLabel } }));
      continue;
    }
    await load(c.path, Number.isFinite(c.sequenceNr) ? c.sequenceNr : i + 1, c.c4);
  }
  for (const name of mhlFiles) {
    const file = joinedPath(label, name);
    if (mhlGenerationNumber(name) === undefined) findings.push(finding('MHL_GENERATION_NAME_INVALID', { path: file }, { where: { file } }));
    if (chained.has(name)) continue;
    if (chain.length > 0 || entries.some((e) => e.name === MHL_CHAIN_FILE)) findings.push(finding('MHL_GENERATION_UNCHAINED', { path: file }, { where: { file } }));
    // Read anyway so its files are not also reported as extra; the finding above already fails the history.
    await load(name, mhlGenerationNumber(name) ?? 0);
  }
  generations.sort((a, b) => a.sequenceNr - b.sequenceNr);

  const records = new Map<string, MhlRecord>();
  for (const g of generations) {
    for (const f of fileEntriesOf(g.manifest)) {
      const key = pathKey(f.path);
      const before = records.get(key);
      const usable = f.hashes.filter((h) => h.action !== 'failed');
      records.set(key, {
        path: f.path,
        ...(f.size !== undefined ? { size: f.size } : before?.size !== undefined ? { size: before.size } : {}),
        hashes: [...(before?.hashes ?? []), ...usable],
        manifest: joinedPath(label, g.fileName),
      });
    }
  }
  const latest = generations[generations.length - 1]?.manifest;
  const ignorePatterns = latest?.process.ignore.length ? latest.process.ignore : MHL_DEFAULT_IGNORE;
  const numbers = [...chain.map((c) => c.sequenceNr), ...mhlFiles.map((n) => mhlGenerationNumber(n) ?? 0)].filter(Number.isFinite);
  return {
    rel,
    path,
    generations,
    chain,
    records,
    ...(latest ? { latest } : {}),
    ignorePatterns,
    ignore: ignoreMatcher([...ignorePatterns, ...MHL_DEFAULT_IGNORE]),
    nextSequenceNr: Math.max(0, ...numbers) + 1,
  };
}

/** A file found by the walk. `rel` is relative to the walk's start; `relInOwner` to its history's root. */
export interface WalkFile {
  readonly rel: string;
  readonly relInOwner: string;
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly modifiedMs: number;
  readonly owner: LoadedHistory;
}

export interface WalkFolder {
  readonly rel: string;
  readonly relInOwner: string;
  readonly name: string;
  readonly path: string;
  readonly modifiedMs: number;
  readonly owner: LoadedHistory;
  /** Set when this folder is the root of a nested history. */
  readonly history?: LoadedHistory;
  readonly files: WalkFile[];
  readonly folders: WalkFolder[];
}

function relInside(owner: LoadedHistory, rel: string): string {
  return owner.rel ? rel.slice(owner.rel.length + 1) : rel;
}

/**
 * Walks the managed folder: names sorted, `ascmhl` folders and ignored names skipped (each by
 * the patterns of the history that owns it), nested histories loaded as they are met.
 */
export async function walkedTree(
  fs: ChecksumFileSystem,
  root: LoadedHistory,
  pool: ChecksumHasherPool,
  findings: Finding[],
): Promise<{ tree: WalkFolder; histories: LoadedHistory[] }> {
  const histories: LoadedHistory[] = [root];
  const visit = async (path: string, rel: string, owner: LoadedHistory, history: LoadedHistory | undefined, modifiedMs: number): Promise<WalkFolder> => {
    const folder: WalkFolder = { rel, relInOwner: relInside(owner, rel), name: baseName(rel) || baseName(path), path, modifiedMs, owner, ...(history ? { history } : {}), files: [], folders: [] };
    const inner = history ?? owner;
    const entries = [...(await fs.list(path))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name === MHL_HISTORY_FOLDER && e.kind === 'folder') continue;
      const childRel = joinedPath(rel, e.name);
      const childPath = joinedPath(path, e.name);
      if (inner.ignore(relInside(inner, childRel), e.kind === 'folder')) continue;
      const st = await fs.stat(childPath);
      if (!st) continue;
      if (st.kind === 'folder') {
        const nested = (await fs.stat(joinedPath(childPath, MHL_HISTORY_FOLDER)))?.kind === 'folder';
        let child: LoadedHistory | undefined;
        if (nested) {
          child = await loadedHistory(fs, childPath, childRel, pool, findings);
          histories.push(child);
        }
        folder.folders.push(await visit(childPath, childRel, inner, child, st.modifiedMs));
      } else {
        folder.files.push({ rel: childRel, relInOwner: relInside(inner, childRel), name: e.name, path: childPath, size: st.size, modifiedMs: st.modifiedMs, owner: inner });
      }
    }
    return folder;
  };
  const st = await fs.stat(root.path);
  const tree = await visit(root.path, root.rel, root, undefined, st?.modifiedMs ?? 0);
  return { tree: { ...tree, history: root }, histories };
}

export function filesIn(folder: WalkFolder): WalkFile[] {
  return [...folder.files, ...folder.folders.flatMap(filesIn)];
}

export function foldersIn(folder: WalkFolder): WalkFolder[] {
  return [folder, ...folder.folders.flatMap(foldersIn)];
}

/** Content and structure hash of one folder in one format. */
export interface FolderHash {
  readonly content: string;
  readonly structure: string;
}

/**
 * Directory hashes (ASC MHL spec Appendix G). Content: the children's hashes (files' content
 * hashes, sub-folders' content hashes) sorted as strings, decoded to bytes, concatenated and
 * hashed. Structure: for each child, hash(UTF-8 name ‖ child hash bytes) with the child's
 * structure hash for folders, then the same sort-and-hash. Undefined when a file has no hash.
 */
export class FolderHasher {
  private readonly memo = new Map<string, FolderHash | undefined>();

  constructor(
    private readonly pool: ChecksumHasherPool,
    private readonly fileHash: (f: WalkFile, algorithm: MhlAlgorithm) => string | undefined,
  ) {}

  async hashOf(folder: WalkFolder, algorithm: MhlAlgorithm): Promise<FolderHash | undefined> {
    const key = `${algorithm}\u0000${folder.rel}`;
    if (this.memo.has(key)) return this.memo.get(key);
    const content: string[] = [];
    const structure: string[] = [];
    let complete = true;
    const bytes = (h: string) => hashBytes(algorithm, h) ?? new Uint8Array();
    for (const f of folder.files) {
      const h = this.fileHash(f, algorithm);
      if (h === undefined) {
        complete = false;
        break;
      }
      content.push(h);
      structure.push(await this.pool.hashOf(algorithm, concatenated([utf8Bytes(f.name), bytes(h)])));
    }
    for (const d of complete ? folder.folders : []) {
      const h = await this.hashOf(d, algorithm);
      if (!h) {
        complete = false;
        break;
      }
      content.push(h.content);
      structure.push(await this.pool.hashOf(algorithm, concatenated([utf8Bytes(d.name), bytes(h.structure)])));
    }
    const sortedHash = (list: string[]) => this.pool.hashOf(algorithm, concatenated([...list].sort().map(bytes)));
    const out = complete ? { content: await sortedHash(content), structure: await sortedHash(structure) } : undefined;
    this.memo.set(key, out);
    return out;
  }
}

/** The hash jobs for a walk: each file with the formats `wanted` asks for it (files with none are skipped). */
export function hashJobsFor(files: readonly WalkFile[], wanted: (f: WalkFile) => ReadonlySet<MhlAlgorithm>): { jobs: HashJob[]; files: WalkFile[] } {
  const jobs: HashJob[] = [];
  const out: WalkFile[] = [];
  for (const f of files) {
    const algorithms = wanted(f);
    if (algorithms.size === 0) continue;
    jobs.push({ path: f.path, label: f.rel, size: f.size, algorithms });
    out.push(f);
  }
  return { jobs, files: out };
}

export type { ChecksumProgressListener };
