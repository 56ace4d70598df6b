import { finding, type Finding } from '../findings/index.ts';
import { baseName, isSafeRelativePath, joinedPath, parentPath, type ChecksumFileSystem, type ChecksumProgressListener } from './fs.ts';
import { byteReversedHex, ChecksumHasherPool, type ChecksumAlgorithm } from './hash.ts';
import { hashedFiles, readAllBytes, type HashJob } from './hashing.ts';
import { childOf, childrenOf, parsedMhlXml, textOf } from './xml.ts';
import { decodedXml } from './text.ts';

/**
 * Legacy MHL v1.x hash lists (mediahashlist.org, Pomfort's mhl-tool): root
 * `<hashlist version="1.x">`, one `<hash>` per file with `<file>` relative to the MHL's own
 * folder. Hash elements as mhl-tool writes them: `md5`, `sha1` (hex); `xxhash` = XXH32 as a
 * decimal integer; `xxhash64` = the XXH64 digest bytes in little-endian order (byte-reversed
 * against xxhsum); `xxhash64be` = canonical big-endian XXH64; `null` = no hash, size only.
 */
export type LegacyMhlFormat = 'md5' | 'sha1' | 'xxhash' | 'xxhash64' | 'xxhash64be' | 'null';

export interface LegacyMhlEntry {
  readonly file: string;
  /** Bytes. */
  readonly size?: number;
  readonly lastModificationDate?: string;
  readonly hashes: readonly { readonly format: LegacyMhlFormat; readonly value: string }[];
}

export interface LegacyMhl {
  readonly version: string;
  readonly tool: string;
  readonly entries: readonly LegacyMhlEntry[];
}

const FORMATS: readonly LegacyMhlFormat[] = ['md5', 'sha1', 'xxhash', 'xxhash64', 'xxhash64be', 'null'];
const SKIP = new Set(['file', 'size', 'lastmodificationdate', 'creationdate', 'hashdate']);

/** Reads a legacy MHL from its text (already decoded); never throws. */
export function readLegacyMhl(text: string, file: string): { value: LegacyMhl | undefined; findings: readonly Finding[] } {
  const parsed = parsedMhlXml(text, file);
  if (!parsed.root) return { value: undefined, findings: parsed.findings };
  const root = childOf(parsed.root, 'hashlist');
  const version = root ? String(root['@_version'] ?? '') : '';
  if (!root || !version.startsWith('1')) {
    return { value: undefined, findings: [finding('MHL_XML_STRUCTURE', { file, reason: 'the root element is not <hashlist version="1.x">' }, { where: { file } })] };
  }
  const findings: Finding[] = [];
  const entries: LegacyMhlEntry[] = [];
  for (const h of childrenOf(root, 'hash')) {
    const path = textOf(childOf(h, 'file')).trim();
    if (!isSafeRelativePath(path)) {
      findings.push(finding('MHL_PATH_UNSAFE', { file, path }, { where: { file } }));
      continue;
    }
    const size = textOf(childOf(h, 'size')).trim();
    const hashes: { format: LegacyMhlFormat; value: string }[] = [];
    for (const key of Object.keys(h)) {
      if (key.startsWith('@_') || key === '#text' || SKIP.has(key)) continue;
      if (!(FORMATS as readonly string[]).includes(key)) {
        findings.push(finding('MHL_HASH_FORMAT_UNKNOWN', { path, format: key }, { where: { file } }));
        continue;
      }
      for (const v of childrenOf(h, key)) hashes.push({ format: key as LegacyMhlFormat, value: textOf(v).trim() });
    }
    const modified = textOf(childOf(h, 'lastmodificationdate')).trim();
    entries.push({ file: path, ...(/^\d+$/.test(size) ? { size: Number(size) } : {}), ...(modified ? { lastModificationDate: modified } : {}), hashes });
  }
  return { value: { version, tool: textOf(childOf(childOf(root, 'creatorinfo'), 'tool')).trim(), entries }, findings };
}

const ALGORITHM: Record<LegacyMhlFormat, ChecksumAlgorithm | undefined> = {
  md5: 'md5',
  sha1: 'sha1',
  xxhash: 'xxh32',
  xxhash64: 'xxh64',
  xxhash64be: 'xxh64',
  null: undefined,
};

/** The value mhl-tool would have written for `format`, from our canonical digest. */
function legacyForm(format: LegacyMhlFormat, digest: string): string {
  if (format === 'xxhash') return String(parseInt(digest, 16));
  if (format === 'xxhash64') return byteReversedHex(digest);
  return digest;
}

function sameLegacyValue(format: LegacyMhlFormat, recorded: string, actual: string): boolean {
  // XXH32 decimals are sometimes zero-padded to 10 digits.
  if (format === 'xxhash') return /^\d+$/.test(recorded) && Number(recorded) === Number(actual);
  return recorded.toLowerCase() === actual;
}

/**
 * The path on disk for a listed name: exactly as written, or else the entry whose NFC form
 * matches, component by component (macOS writes NFD names, most MHL writers NFC).
 */
async function resolvedOnDisk(fs: ChecksumFileSystem, base: string, rel: string): Promise<string | undefined> {
  const exact = joinedPath(base, rel);
  if ((await fs.stat(exact))?.kind === 'file') return exact;
  let at = base;
  for (const part of rel.split('/')) {
    if ((await fs.stat(at))?.kind !== 'folder') return undefined;
    const want = part.normalize('NFC');
    const hit = (await fs.list(at)).find((e) => e.name === part) ?? (await fs.list(at)).find((e) => e.name.normalize('NFC') === want);
    if (!hit) return undefined;
    at = joinedPath(at, hit.name);
  }
  return (await fs.stat(at))?.kind === 'file' ? at : undefined;
}

export interface LegacyVerifySummary {
  readonly histories: 0;
  readonly legacyFiles: number;
  readonly generations: 0;
  readonly verified: number;
  readonly changed: number;
  readonly missing: number;
  readonly extra: 0;
  readonly bytes: number;
}

/**
 * Verifies one legacy MHL file against the files beside it: each listed file must exist,
 * match its size and every listed hash. A legacy MHL lists a selection, so there is no
 * "extra file" check. `shown` is how findings name the MHL (relative to where the user started).
 */
export async function verifyLegacyMhl(
  fs: ChecksumFileSystem,
  path: string,
  options: { readonly onProgress?: ChecksumProgressListener } = {},
  shown = baseName(path),
): Promise<{ summary: LegacyVerifySummary; findings: readonly Finding[] }> {
  const findings: Finding[] = [];
  const summary = { histories: 0 as const, legacyFiles: 1, generations: 0 as const, verified: 0, changed: 0, missing: 0, extra: 0 as const, bytes: 0 };
  const decoded = decodedXml(await readAllBytes(fs, path), fs.decodeText);
  if (!decoded.ok) return { summary, findings: [finding('MHL_ENCODING_UNSUPPORTED', { file: shown, encoding: decoded.encoding }, { where: { file: shown } })] };
  const read = readLegacyMhl(decoded.text, shown);
  findings.push(...read.findings);
  if (!read.value) return { summary, findings };
  const base = parentPath(path.replace(/\\/g, '/'));
  const prefix = parentPath(shown);
  const jobs: HashJob[] = [];
  const checks: { entry: LegacyMhlEntry; shownPath: string }[] = [];
  for (const entry of read.value.entries) {
    const shownPath = joinedPath(prefix, entry.file);
    const onDisk = await resolvedOnDisk(fs, base || '.', entry.file);
    const st = onDisk ? await fs.stat(onDisk) : undefined;
    if (!onDisk || !st) {
      findings.push(finding('MHL_FILE_MISSING', { path: shownPath, manifest: shown }, { where: { file: shownPath } }));
      summary.missing++;
      continue;
    }
    let failed = false;
    if (entry.size !== undefined && entry.size !== st.size) {
      findings.push(finding('MHL_FILE_SIZE_CHANGED', { path: shownPath, expected: entry.size, actual: st.size }, { where: { file: shownPath }, expected: `${entry.size}`, actual: `${st.size}` }));
      failed = true;
    }
    const algorithms = new Set(entry.hashes.map((h) => ALGORITHM[h.format]).filter((a): a is ChecksumAlgorithm => a !== undefined));
    if (algorithms.size > 0) {
      jobs.push({ path: onDisk, label: shownPath, size: st.size, algorithms });
      checks.push({ entry, shownPath });
    } else if (failed) summary.changed++;
    else summary.verified++;
  }
  const outcomes = await hashedFiles(fs, jobs, new ChecksumHasherPool(fs.hashers), options.onProgress);
  checks.forEach(({ entry, shownPath }, i) => {
    const o = outcomes[i]!;
    if (!o.ok) {
      findings.push(finding('MHL_FILE_UNREADABLE', { path: shownPath, reason: o.reason }, { where: { file: shownPath } }));
      summary.changed++;
      return;
    }
    summary.bytes += o.bytes;
    let failed = findings.some((f) => f.code === 'MHL_FILE_SIZE_CHANGED' && f.where.file === shownPath);
    for (const h of entry.hashes) {
      const algorithm = ALGORITHM[h.format];
      const digest = algorithm ? o.hashes.get(algorithm) : undefined;
      if (!digest) continue;
      const actual = legacyForm(h.format, digest);
      if (sameLegacyValue(h.format, h.value, actual)) continue;
      findings.push(finding('MHL_FILE_CHANGED', { path: shownPath, algorithm: h.format, expected: h.value, actual }, { where: { file: shownPath }, expected: h.value, actual, rule: 'MHL v1.1 verification' }));
      failed = true;
    }
    if (failed) summary.changed++;
    else summary.verified++;
  });
  return { summary, findings };
}
