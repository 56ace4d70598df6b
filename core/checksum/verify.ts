import { finding, type Finding } from '../findings/index.ts';
import { joinedPath, pathKey, type ChecksumFileSystem, type ChecksumProgressListener } from './fs.ts';
import { ChecksumHasherPool, type MhlAlgorithm } from './hash.ts';
import { hashedFiles, readAllBytes } from './hashing.ts';
import {
  FolderHasher,
  filesIn,
  foldersIn,
  hashJobsFor,
  loadedHistory,
  MHL_HISTORY_FOLDER,
  walkedTree,
  type LoadedHistory,
  type MhlRecord,
  type WalkFile,
  type WalkFolder,
} from './history.ts';
import { verifyLegacyMhl } from './legacy.ts';
import { directoryEntriesOf, type MhlHashValue } from './manifest.ts';
import { decodedXml } from './text.ts';

export interface MhlVerifyOptions {
  readonly onProgress?: ChecksumProgressListener;
  /** Also check the directory and root hashes of each history's latest generation (default true). */
  readonly directoryHashes?: boolean;
}

/** Counts of a verification; `findings` carry every problem with its path. */
export interface MhlVerifySummary {
  readonly histories: number;
  readonly legacyFiles: number;
  readonly generations: number;
  /** Files whose every recorded hash matched. */
  readonly verified: number;
  readonly changed: number;
  readonly missing: number;
  readonly extra: number;
  /** Bytes read to hash payload files. */
  readonly bytes: number;
}

export interface MhlVerifyResult {
  readonly summary: MhlVerifySummary;
  readonly findings: readonly Finding[];
}

const FILE_PROBLEMS = new Set(['MHL_FILE_MISSING', 'MHL_FILE_EXTRA', 'MHL_FILE_CHANGED', 'MHL_FILE_SIZE_CHANGED', 'MHL_FILE_UNREADABLE']);

type Counts = { -readonly [K in keyof MhlVerifySummary]: MhlVerifySummary[K] };

function emptyCounts(): Counts {
  return { histories: 0, legacyFiles: 0, generations: 0, verified: 0, changed: 0, missing: 0, extra: 0, bytes: 0 };
}

function addCounts(a: Counts, b: MhlVerifySummary): void {
  for (const k of Object.keys(a) as (keyof Counts)[]) a[k] += b[k];
}

/** Algorithms a record can be verified with, each with every value the generations hold. */
function expectedByAlgorithm(hashes: readonly MhlHashValue[]): Map<MhlAlgorithm, string[]> {
  const out = new Map<MhlAlgorithm, string[]>();
  for (const h of hashes) {
    const list = out.get(h.algorithm) ?? [];
    list.push(h.value.toLowerCase());
    out.set(h.algorithm, list);
  }
  return out;
}

/**
 * Verifies the ASC MHL history managing `path` (which holds `ascmhl/`), with nested
 * histories: the chain of every history, every recorded file (missing, changed, size), every
 * unrecorded file (extra), and the directory hashes of each history's latest generation.
 * Reads only; never writes.
 */
export async function verifyMhlHistory(fs: ChecksumFileSystem, path: string, options: MhlVerifyOptions = {}, rel = ''): Promise<MhlVerifyResult> {
  const findings: Finding[] = [];
  const pool = new ChecksumHasherPool(fs.hashers);
  const root = await loadedHistory(fs, path, rel, pool, findings);
  const { tree, histories } = await walkedTree(fs, root, pool, findings);
  const files = filesIn(tree);
  const byKey = new Map(files.map((f) => [pathKey(f.rel), f]));

  // Which recorded entries land on which file on disk; a record may sit in any history above the file.
  const wanted = new Map<WalkFile, Set<MhlAlgorithm>>(files.map((f) => [f, new Set()]));
  const matches: { history: LoadedHistory; record: MhlRecord; file: WalkFile | undefined }[] = [];
  const recorded = new Set<WalkFile>();
  for (const h of histories) {
    for (const record of h.records.values()) {
      const file = byKey.get(pathKey(joinedPath(h.rel, record.path)));
      matches.push({ history: h, record, file });
      if (!file) continue;
      recorded.add(file);
      for (const v of record.hashes) wanted.get(file)!.add(v.algorithm);
    }
  }
  // Directory hashes need every file below the folder in the latest generation's formats.
  const checkDirs = options.directoryHashes ?? true;
  const dirAlgorithms = new Map<LoadedHistory, Set<MhlAlgorithm>>();
  for (const h of histories) {
    const set = new Set<MhlAlgorithm>();
    if (checkDirs && h.latest) {
      for (const d of directoryEntriesOf(h.latest)) for (const v of [...d.content, ...d.structure]) set.add(v.algorithm);
      for (const v of [...(h.latest.process.rootHash?.content ?? []), ...(h.latest.process.rootHash?.structure ?? [])]) set.add(v.algorithm);
    }
    dirAlgorithms.set(h, set);
    const below = h.rel ? files.filter((f) => f.rel.startsWith(`${h.rel}/`)) : files;
    for (const f of below) for (const a of set) wanted.get(f)!.add(a);
  }

  const { jobs, files: hashedList } = hashJobsFor(files, (f) => wanted.get(f)!);
  const outcomes = await hashedFiles(fs, jobs, pool, options.onProgress);
  const computed = new Map<WalkFile, ReadonlyMap<MhlAlgorithm, string>>();
  const counts = emptyCounts();
  counts.histories = histories.length;
  counts.generations = histories.reduce((s, h) => s + h.generations.length, 0);
  hashedList.forEach((f, i) => {
    const o = outcomes[i]!;
    if (o.ok) {
      computed.set(f, o.hashes as ReadonlyMap<MhlAlgorithm, string>);
      counts.bytes += o.bytes;
    } else findings.push(finding('MHL_FILE_UNREADABLE', { path: f.rel, reason: o.reason }, { where: { file: f.rel } }));
  });

  const failedFiles = new Set<WalkFile>();
  for (const { history, record, file } of matches) {
    const shown = joinedPath(history.rel, record.path);
    if (!file) {
      findings.push(finding('MHL_FILE_MISSING', { path: shown, manifest: record.manifest }, { where: { file: shown } }));
      counts.missing++;
      continue;
    }
    if (file.rel !== shown) {
      findings.push(finding('MHL_FILE_NAME_NORMALIZED', { path: shown, onDisk: file.rel }, { where: { file: file.rel } }));
    }
    if (record.size !== undefined && record.size !== file.size) {
      findings.push(finding('MHL_FILE_SIZE_CHANGED', { path: file.rel, expected: record.size, actual: file.size }, { where: { file: file.rel }, expected: `${record.size}`, actual: `${file.size}` }));
      failedFiles.add(file);
    }
    if (record.hashes.length === 0) {
      findings.push(finding('MHL_HASH_NONE', { path: file.rel }, { where: { file: file.rel } }));
      continue;
    }
    const got = computed.get(file);
    if (!got) {
      failedFiles.add(file);
      continue;
    }
    for (const [algorithm, values] of expectedByAlgorithm(record.hashes)) {
      const actual = got.get(algorithm);
      if (actual === undefined || values.includes(actual)) continue;
      const expected = values[values.length - 1]!;
      findings.push(finding('MHL_FILE_CHANGED', { path: file.rel, algorithm, expected, actual }, { where: { file: file.rel }, expected, actual, rule: 'ASC MHL v1.0 verification' }));
      failedFiles.add(file);
    }
  }
  for (const f of files) {
    if (recorded.has(f)) continue;
    findings.push(finding('MHL_FILE_EXTRA', { path: f.rel, history: joinedPath(f.owner.rel, MHL_HISTORY_FOLDER) }, { where: { file: f.rel } }));
    counts.extra++;
  }
  for (const f of recorded) if (!failedFiles.has(f) && computed.has(f)) counts.verified++;
  counts.changed = failedFiles.size;

  if (checkDirs) findings.push(...(await directoryFindings(tree, histories, computed, findings, pool)));
  findings.push(...(await referenceFindings(fs, histories, pool)));
  return { summary: counts, findings };
}

/** Directory and root hashes of each history's latest generation, checked where no file below has a problem already reported. */
async function directoryFindings(
  tree: WalkFolder,
  histories: readonly LoadedHistory[],
  computed: ReadonlyMap<WalkFile, ReadonlyMap<MhlAlgorithm, string>>,
  fileFindings: readonly Finding[],
  pool: ChecksumHasherPool,
): Promise<Finding[]> {
  const out: Finding[] = [];
  const folders = new Map(foldersIn(tree).map((d) => [pathKey(d.rel), d]));
  const troubled = fileFindings.filter((f) => FILE_PROBLEMS.has(f.code)).map((f) => f.where.file ?? '');
  const hasher = new FolderHasher(pool, (f, a) => computed.get(f)?.get(a));
  for (const h of histories) {
    if (!h.latest) continue;
    const checks = directoryEntriesOf(h.latest).map((d) => ({ rel: joinedPath(h.rel, d.path), content: d.content, structure: d.structure }));
    const rootHash = h.latest.process.rootHash;
    if (rootHash) checks.push({ rel: h.rel, content: rootHash.content, structure: rootHash.structure });
    for (const c of checks) {
      const folder = folders.get(pathKey(c.rel));
      if (!folder) continue;
      if (troubled.some((p) => c.rel === '' || p === c.rel || p.startsWith(`${c.rel}/`))) continue;
      const shown = c.rel || '.';
      for (const [kind, values] of [['content', c.content], ['structure', c.structure]] as const) {
        for (const v of values) {
          const got = await hasher.hashOf(folder, v.algorithm);
          if (!got) continue;
          const actual = got[kind];
          if (actual !== v.value.toLowerCase() && actual !== v.value) {
            out.push(finding('MHL_DIRECTORY_HASH_MISMATCH', { path: shown, kind, algorithm: v.algorithm, expected: v.value, actual }, { where: { file: shown }, expected: v.value, actual, rule: 'ASC MHL v1.0 Appendix G' }));
          }
        }
      }
    }
  }
  return out;
}

/** Child manifests referenced from each history's latest generation must exist with the recorded C4 ID. */
async function referenceFindings(fs: ChecksumFileSystem, histories: readonly LoadedHistory[], pool: ChecksumHasherPool): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const h of histories) {
    const latest = h.generations[h.generations.length - 1];
    if (!latest) continue;
    const manifest = joinedPath(joinedPath(h.rel, MHL_HISTORY_FOLDER), latest.fileName);
    for (const r of latest.manifest.references) {
      const shown = joinedPath(h.rel, r.path);
      const target = joinedPath(h.path, r.path);
      if ((await fs.stat(target))?.kind !== 'file') {
        out.push(finding('MHL_REFERENCE_MISSING', { path: shown, manifest }, { where: { file: manifest } }));
        continue;
      }
      const actual = await pool.hashOf('c4', await readAllBytes(fs, target));
      if (actual !== r.c4) out.push(finding('MHL_REFERENCE_MODIFIED', { path: shown, expected: r.c4, actual }, { where: { file: manifest }, expected: r.c4, actual }));
    }
  }
  return out;
}

/** What `verifyMhl` found to verify under a folder. */
export interface MhlDiscovery {
  /** Managed folders holding `ascmhl/` (top-most only; nested ones are verified with their parent). */
  readonly histories: readonly string[];
  /** Legacy MHL v1.x files (and other `.mhl` outside an `ascmhl/` folder). */
  readonly manifests: readonly string[];
}

/** Finds the top-most ASC MHL histories and the loose `.mhl` files under `path` (relative paths, sorted). */
export async function discoveredMhl(fs: ChecksumFileSystem, path: string): Promise<MhlDiscovery> {
  const histories: string[] = [];
  const manifests: string[] = [];
  const visit = async (rel: string) => {
    const here = joinedPath(path, rel);
    const entries = [...(await fs.list(here))].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    if (entries.some((e) => e.name === MHL_HISTORY_FOLDER && e.kind === 'folder')) {
      histories.push(rel);
      return;
    }
    for (const e of entries) {
      if (e.kind === 'folder') await visit(joinedPath(rel, e.name));
      else if (e.name.toLowerCase().endsWith('.mhl')) manifests.push(joinedPath(rel, e.name));
    }
  };
  await visit('');
  return { histories, manifests };
}

/**
 * `mhl verify`: verifies everything under `path` — the history it manages (`path/ascmhl`), or
 * else every history and legacy MHL file below it. Reads only, so read-only media verify.
 */
export async function verifyMhl(fs: ChecksumFileSystem, path: string, options: MhlVerifyOptions = {}): Promise<MhlVerifyResult> {
  const st = await fs.stat(path);
  const findings: Finding[] = [];
  const counts = emptyCounts();
  if (st?.kind === 'file') {
    const r = await verifyLegacyMhl(fs, path, options);
    return { summary: { ...counts, ...r.summary }, findings: r.findings };
  }
  const found = await discoveredMhl(fs, path);
  for (const rel of found.histories) {
    const r = await verifyMhlHistory(fs, joinedPath(path, rel), options, rel);
    addCounts(counts, r.summary);
    findings.push(...r.findings);
  }
  for (const rel of found.manifests) {
    const full = joinedPath(path, rel);
    const head = decodedXml((await readAllBytes(fs, full)).subarray(0, 4096), fs.decodeText);
    if (head.ok && /<hashlist[^>]*version\s*=\s*["']2/.test(head.text)) {
      findings.push(finding('MHL_MANIFEST_OUTSIDE_HISTORY', { path: rel }, { where: { file: rel } }));
      continue;
    }
    const r = await verifyLegacyMhl(fs, full, options, rel);
    addCounts(counts, { ...r.summary, legacyFiles: 1 });
    findings.push(...r.findings);
  }
  if (found.histories.length === 0 && found.manifests.length === 0) {
    findings.push(finding('MHL_HISTORY_NOT_FOUND', { path }, { where: { file: path } }));
  }
  return { summary: counts, findings };
}
