import { finding, type Finding } from '../findings/index.ts';
import { baseName, joinedPath, pathKey, type ChecksumFileSystem, type ChecksumProgressListener } from './fs.ts';
import { ChecksumHasherPool, MHL_ALGORITHMS, type MhlAlgorithm } from './hash.ts';
import { hashedFiles } from './hashing.ts';
import {
  FolderHasher,
  filesIn,
  hashJobsFor,
  loadedHistory,
  MHL_CHAIN_FILE,
  MHL_HISTORY_FOLDER,
  walkedTree,
  type LoadedHistory,
  type WalkFile,
  type WalkFolder,
} from './history.ts';
import { mhlDateTime, mhlGenerationFileName, writeMhlChain, writeMhlManifest, type MhlAuthor, type MhlHashValue, type MhlManifest } from './manifest.ts';
import { utf8Bytes } from './text.ts';

/** The format a new history records when none is asked for. */
export const MHL_DEFAULT_ALGORITHM: MhlAlgorithm = 'xxh64';

export interface MhlCreateOptions {
  /** Formats to record. Default: the formats the history already uses, or xxh64 for a new one. */
  readonly algorithms?: readonly MhlAlgorithm[];
  /** The operation's start, milliseconds since 1970 UTC: every generation written shares it (spec: file names and dates in UTC). */
  readonly now: number;
  readonly hostName: string;
  readonly tool: { readonly name: string; readonly version: string };
  readonly authors?: readonly MhlAuthor[];
  readonly location?: string;
  readonly comment?: string;
  readonly onProgress?: ChecksumProgressListener;
}

export interface MhlCreateResult {
  /** Generation files written, relative to the managed folder (nested histories first). */
  readonly written: readonly string[];
  /** Files hashed for the first time / verified against earlier generations / failed. */
  readonly summary: { readonly original: number; readonly verified: number; readonly failed: number; readonly missing: number; readonly bytes: number };
  readonly findings: readonly Finding[];
}

function sortedAlgorithms(set: Iterable<MhlAlgorithm>): MhlAlgorithm[] {
  return [...new Set(set)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The formats a history already uses: those of its latest root hash, else of its records. */
function formatsInUse(h: LoadedHistory): MhlAlgorithm[] {
  const root = h.latest?.process.rootHash?.content.map((v) => v.algorithm) ?? [];
  if (root.length) return sortedAlgorithms(root);
  const recorded = [...h.records.values()].flatMap((r) => r.hashes.map((v) => v.algorithm));
  return sortedAlgorithms(recorded.length ? recorded : [MHL_DEFAULT_ALGORITHM]);
}

/**
 * `mhl create`: hashes the managed folder `path`, verifies every file earlier generations
 * recorded, and writes one new generation in `path/ascmhl` (and in each nested history, which
 * the parent then references by C4), updating `ascmhl_chain.xml`. A generation file is never
 * overwritten. Failed verifications are recorded with `action="failed"` and reported.
 */
export async function createMhlGeneration(fs: ChecksumFileSystem, path: string, options: MhlCreateOptions): Promise<MhlCreateResult> {
  const findings: Finding[] = [];
  const pool = new ChecksumHasherPool(fs.hashers);
  const root = await loadedHistory(fs, path, '', pool, findings);
  const { tree, histories } = await walkedTree(fs, root, pool, findings);
  const files = filesIn(tree);
  const requested = options.algorithms?.length ? sortedAlgorithms(options.algorithms) : undefined;
  const newFormats = new Map(histories.map((h) => [h, requested ?? formatsInUse(h)]));

  const wanted = new Map<WalkFile, Set<MhlAlgorithm>>();
  for (const f of files) {
    const set = new Set<MhlAlgorithm>(f.owner.records.get(pathKey(f.relInOwner))?.hashes.map((v) => v.algorithm) ?? []);
    // Every history above the file hashes its folders in its own formats.
    for (const h of histories) if (h.rel === '' || f.rel.startsWith(`${h.rel}/`)) for (const a of newFormats.get(h)!) set.add(a);
    wanted.set(f, set);
  }
  const { jobs, files: hashedList } = hashJobsFor(files, (f) => wanted.get(f)!);
  const outcomes = await hashedFiles(fs, jobs, pool, options.onProgress);
  const computed = new Map<WalkFile, ReadonlyMap<MhlAlgorithm, string>>();
  const summary = { original: 0, verified: 0, failed: 0, missing: 0, bytes: 0 };
  hashedList.forEach((f, i) => {
    const o = outcomes[i]!;
    if (o.ok) {
      computed.set(f, o.hashes as ReadonlyMap<MhlAlgorithm, string>);
      summary.bytes += o.bytes;
    } else findings.push(finding('MHL_FILE_UNREADABLE', { path: f.rel, reason: o.reason }, { where: { file: f.rel } }));
  });
  const folderHasher = new FolderHasher(pool, (f, a) => computed.get(f)?.get(a));
  const date = mhlDateTime(options.now);
  const written: string[] = [];
  const newGeneration = new Map<LoadedHistory, { rel: string; c4: string }>();

  // Deepest histories first, so a parent can reference its children's new generations.
  const depth = (h: LoadedHistory) => (h.rel === '' ? 0 : h.rel.split('/').length);
  const order = [...histories].sort((a, b) => depth(b) - depth(a) || (a.rel < b.rel ? -1 : 1));
  for (const h of order) {
    const folder = findFolder(tree, h.rel);
    if (!folder) continue;
    const formats = newFormats.get(h)!;
    const entries: MhlManifest['entries'][number][] = [];
    const seen = new Set<string>();

    const fileEntry = (f: WalkFile) => {
      const key = pathKey(f.relInOwner);
      seen.add(key);
      const record = h.records.get(key);
      const got = computed.get(f);
      if (!got) return;
      const hashes: MhlHashValue[] = [];
      let failed = false;
      const recordedFormats = sortedAlgorithms(record?.hashes.map((v) => v.algorithm) ?? []);
      for (const a of recordedFormats) {
        const actual = got.get(a)!;
        const expected = record!.hashes.filter((v) => v.algorithm === a).map((v) => v.value.toLowerCase());
        if (expected.includes(actual)) hashes.push({ algorithm: a, value: actual, action: 'verified', hashDate: date });
        else {
          failed = true;
          hashes.push({ algorithm: a, value: actual, action: 'failed', hashDate: date });
          const shown = expected[expected.length - 1]!;
          findings.push(finding('MHL_FILE_CHANGED', { path: f.rel, algorithm: a, expected: shown, actual }, { where: { file: f.rel }, expected: shown, actual, rule: 'ASC MHL v1.0 verification' }));
        }
      }
      if (record?.size !== undefined && record.size !== f.size) {
        failed = true;
        findings.push(finding('MHL_FILE_SIZE_CHANGED', { path: f.rel, expected: record.size, actual: f.size }, { where: { file: f.rel }, expected: `${record.size}`, actual: `${f.size}` }));
      }
      // A format added now is "verified" for a file that passed (the reference tool does the same), "original" for a new file.
      const verifiedBefore = record !== undefined && recordedFormats.length > 0;
      if (!failed) {
        for (const a of formats) {
          if (recordedFormats.includes(a)) continue;
          hashes.push({ algorithm: a, value: got.get(a)!, action: verifiedBefore ? 'verified' : 'original', hashDate: date });
        }
      }
      hashes.sort((x, y) => (x.algorithm < y.algorithm ? -1 : x.algorithm > y.algorithm ? 1 : 0));
      if (failed) summary.failed++;
      else if (verifiedBefore) summary.verified++;
      else summary.original++;
      entries.push({ kind: 'file', file: { path: f.relInOwner, size: f.size, lastModificationDate: mhlDateTime(f.modifiedMs), hashes } });
    };

    const folderEntry = async (d: WalkFolder, relInH: string) => {
      const content: MhlHashValue[] = [];
      const structure: MhlHashValue[] = [];
      for (const a of formats) {
        const fh = await folderHasher.hashOf(d, a);
        if (!fh) return undefined;
        content.push({ algorithm: a, value: fh.content, hashDate: date });
        structure.push({ algorithm: a, value: fh.structure, hashDate: date });
      }
      return { path: relInH, lastModificationDate: mhlDateTime(d.modifiedMs), content, structure };
    };

    // Post-order like the reference tool: a folder's files and sub-folders, then the folder itself.
    const visit = async (d: WalkFolder) => {
      const children = [...d.files.map((f) => ({ name: f.name, f })), ...d.folders.map((s) => ({ name: s.name, s }))].sort((a, b) => (a.name < b.name ? -1 : 1));
      for (const c of children) {
        if ('f' in c) fileEntry(c.f);
        else if (c.s.history) {
          const e = await folderEntry(c.s, relIn(h, c.s.rel));
          if (e) entries.push({ kind: 'directory', directory: e });
        } else {
          await visit(c.s);
          const e = await folderEntry(c.s, relIn(h, c.s.rel));
          if (e) entries.push({ kind: 'directory', directory: e });
        }
      }
    };
    await visit(folder);
    for (const [key, record] of h.records) {
      if (seen.has(key)) continue;
      const shown = joinedPath(h.rel, record.path);
      // A path now inside a nested history is that history's business, not missing here.
      if (files.some((f) => pathKey(f.rel) === pathKey(shown))) continue;
      summary.missing++;
      findings.push(finding('MHL_FILE_MISSING', { path: shown, manifest: record.manifest }, { where: { file: shown } }));
    }
    const rootHash = await folderEntry(folder, '');
    const references = histories
      .filter((c) => c !== h && isDirectChild(h, c, histories))
      .flatMap((c) => {
        const g = newGeneration.get(c);
        return g ? [{ path: relIn(h, g.rel), c4: g.c4 }] : [];
      });
    const manifest: MhlManifest = {
      creator: {
        creationDate: date,
        hostName: options.hostName,
        tool: options.tool,
        authors: options.authors ?? [],
        ...(options.location ? { location: options.location } : {}),
        ...(options.comment ? { comment: options.comment } : {}),
      },
      process: { process: 'in-place', ...(rootHash ? { rootHash: { content: rootHash.content, structure: rootHash.structure } } : {}), ignore: h.ignorePatterns },
      entries,
      references,
    };
    const bytes = utf8Bytes(writeMhlManifest(manifest));
    const name = mhlGenerationFileName(h.nextSequenceNr, baseName(h.path), options.now);
    const historyFolder = joinedPath(h.path, MHL_HISTORY_FOLDER);
    const relName = joinedPath(joinedPath(h.rel, MHL_HISTORY_FOLDER), name);
    const target = joinedPath(historyFolder, name);
    if (await fs.stat(target)) {
      findings.push(finding('MHL_GENERATION_EXISTS', { path: relName }, { where: { file: relName } }));
      continue;
    }
    try {
      await fs.makeFolder(historyFolder);
      await fs.write(target, bytes, { replace: false });
    } catch (e) {
      findings.push(finding('MHL_WRITE_FAILED', { path: relName, reason: e instanceof Error ? e.message : String(e) }, { where: { file: relName } }));
      continue;
    }
    const c4 = await pool.hashOf('c4', bytes);
    written.push(relName);
    newGeneration.set(h, { rel: relName, c4 });
    const chain = [...h.chain, { sequenceNr: h.nextSequenceNr, path: name, c4 }];
    const chainRel = joinedPath(joinedPath(h.rel, MHL_HISTORY_FOLDER), MHL_CHAIN_FILE);
    try {
      await fs.write(joinedPath(historyFolder, MHL_CHAIN_FILE), utf8Bytes(writeMhlChain(chain)), { replace: true });
    } catch (e) {
      findings.push(finding('MHL_WRITE_FAILED', { path: chainRel, reason: e instanceof Error ? e.message : String(e) }, { where: { file: chainRel } }));
    }
  }
  return { written, summary, findings };
}

function relIn(h: LoadedHistory, rel: string): string {
  return h.rel ? rel.slice(h.rel.length + 1) : rel;
}

function findFolder(tree: WalkFolder, rel: string): WalkFolder | undefined {
  if (tree.rel === rel) return tree;
  for (const d of tree.folders) if (rel === d.rel || rel.startsWith(`${d.rel}/`)) return findFolder(d, rel);
  return undefined;
}

/** `c` sits inside `h` with no other history between them. */
function isDirectChild(h: LoadedHistory, c: LoadedHistory, all: readonly LoadedHistory[]): boolean {
  const inside = (outer: LoadedHistory, inner: LoadedHistory) => inner.rel !== outer.rel && (outer.rel === '' || inner.rel.startsWith(`${outer.rel}/`));
  return inside(h, c) && !all.some((m) => m !== h && m !== c && inside(h, m) && inside(m, c));
}

/** Formats a comma list from the command line: `xxh64,md5`; unknown names are returned in `unknown`. */
export function parsedMhlAlgorithms(text: string): { algorithms: MhlAlgorithm[]; unknown: string[] } {
  const names = text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  const algorithms = names.filter((n): n is MhlAlgorithm => (MHL_ALGORITHMS as readonly string[]).includes(n));
  return { algorithms, unknown: names.filter((n) => !(MHL_ALGORITHMS as readonly string[]).includes(n)) };
}

