import { finding, type Finding } from '../findings/index.ts';
import { isMhlAlgorithm, type MhlAlgorithm } from './hash.ts';
import { isSafeRelativePath } from './fs.ts';
import { attrOf, childOf, childrenOf, parsedMhlXml, textOf, xmlText, type XmlNode } from './xml.ts';

/**
 * The ASC MHL v2 manifest (namespace `urn:ASC:MHL:v2.0`, ASC MHL Specification v1.0) and the
 * chain file `ascmhl_chain.xml` (`urn:ASC:MHL:DIRECTORY:v2.0`). Dates are the xs:dateTime text
 * as written; paths are relative to the managed folder with `/` separators.
 */
export type MhlHashAction = 'original' | 'verified' | 'failed';

export interface MhlHashValue {
  readonly algorithm: MhlAlgorithm;
  readonly value: string;
  /** File hashes carry an action; directory and root hashes do not. */
  readonly action?: MhlHashAction;
  readonly hashDate?: string;
}

export interface MhlFileEntry {
  readonly path: string;
  /** Bytes. */
  readonly size?: number;
  readonly creationDate?: string;
  readonly lastModificationDate?: string;
  readonly hashes: readonly MhlHashValue[];
  readonly previousPath?: string;
}

export interface MhlDirectoryEntry {
  readonly path: string;
  readonly creationDate?: string;
  readonly lastModificationDate?: string;
  readonly content: readonly MhlHashValue[];
  readonly structure: readonly MhlHashValue[];
}

export interface MhlAuthor {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly role?: string;
}

export interface MhlManifest {
  readonly creator: {
    readonly creationDate: string;
    readonly hostName: string;
    readonly tool: { readonly name: string; readonly version: string };
    readonly authors: readonly MhlAuthor[];
    readonly location?: string;
    readonly comment?: string;
  };
  readonly process: {
    /** `in-place`, `transfer` or `flatten`. */
    readonly process: string;
    readonly rootHash?: { readonly content: readonly MhlHashValue[]; readonly structure: readonly MhlHashValue[] };
    /** gitignore-style patterns (spec Appendix C). */
    readonly ignore: readonly string[];
  };
  /** File and directory entries in document order (directories after their contents, as written). */
  readonly entries: readonly ({ readonly kind: 'file'; readonly file: MhlFileEntry } | { readonly kind: 'directory'; readonly directory: MhlDirectoryEntry })[];
  /** Manifests of nested histories: path relative to this manifest's managed folder, and their C4 ID. */
  readonly references: readonly { readonly path: string; readonly c4: string }[];
}

export interface MhlChainEntry {
  readonly sequenceNr: number;
  /** Relative to the chain file (the generation file name). */
  readonly path: string;
  readonly c4: string;
}

export type MhlRead<T> = { readonly value: T | undefined; readonly findings: readonly Finding[] };

/** Hash elements of `node` (children named after a format); unknown formats are reported once per path. */
function hashesIn(node: XmlNode, path: string, file: string, findings: Finding[], skip: ReadonlySet<string>): MhlHashValue[] {
  const out: MhlHashValue[] = [];
  for (const key of Object.keys(node)) {
    if (key.startsWith('@_') || key === '#text' || skip.has(key)) continue;
    if (!isMhlAlgorithm(key)) {
      findings.push(finding('MHL_HASH_FORMAT_UNKNOWN', { path, format: key }, { where: { file } }));
      continue;
    }
    for (const h of childrenOf(node, key)) {
      const action = attrOf(h, 'action');
      const hashDate = attrOf(h, 'hashdate');
      out.push({
        algorithm: key,
        value: textOf(h).trim(),
        ...(action === 'original' || action === 'verified' || action === 'failed' ? { action } : {}),
        ...(hashDate !== undefined ? { hashDate } : {}),
      });
    }
  }
  return out;
}

const FILE_SKIP = new Set(['path', 'previousPath', 'metadata']);
const NONE = new Set<string>();

function dirHashes(node: XmlNode | undefined, path: string, file: string, findings: Finding[]): MhlHashValue[] {
  return node ? hashesIn(node, path, file, findings, NONE) : [];
}

/** Reads an ASC MHL v2 manifest; never throws. `file` names it in findings. */
export function readMhlManifest(text: string, file: string): MhlRead<MhlManifest> {
  const parsed = parsedMhlXml(text, file);
  if (!parsed.root) return { value: undefined, findings: parsed.findings };
  const findings: Finding[] = [];
  const root = childOf(parsed.root, 'hashlist');
  if (!root || !attrOf(root, 'version')?.startsWith('2')) {
    findings.push(finding('MHL_XML_STRUCTURE', { file, reason: 'the root element is not <hashlist version="2.0">' }, { where: { file } }));
    return { value: undefined, findings };
  }
  const ci = childOf(root, 'creatorinfo');
  const tool = childOf(ci, 'tool');
  const pi = childOf(root, 'processinfo');
  const rh = childOf(pi, 'roothash');
  const entries: MhlManifest['entries'][number][] = [];
  const hashes = childOf(root, 'hashes');
  // fast-xml-parser groups children by name, so document order between <hash> and
  // <directoryhash> is not kept; files come first, then directories, each in document order.
  for (const h of childrenOf(hashes, 'hash')) {
    const p = childOf(h, 'path');
    const path = textOf(p).trim();
    if (!isSafeRelativePath(path)) {
      findings.push(finding('MHL_PATH_UNSAFE', { file, path }, { where: { file } }));
      continue;
    }
    const size = attrOf(p, 'size');
    const prev = childOf(h, 'previousPath');
    const creationDate = attrOf(p, 'creationdate');
    const lastModificationDate = attrOf(p, 'lastmodificationdate');
    entries.push({
      kind: 'file',
      file: {
        path,
        ...(size !== undefined && /^\d+$/.test(size) ? { size: Number(size) } : {}),
        ...(creationDate !== undefined ? { creationDate } : {}),
        ...(lastModificationDate !== undefined ? { lastModificationDate } : {}),
        hashes: hashesIn(h, path, file, findings, FILE_SKIP),
        ...(prev ? { previousPath: textOf(prev).trim() } : {}),
      },
    });
  }
  for (const d of childrenOf(hashes, 'directoryhash')) {
    const p = childOf(d, 'path');
    const path = textOf(p).trim().replace(/\/+$/, '');
    if (!isSafeRelativePath(path)) {
      findings.push(finding('MHL_PATH_UNSAFE', { file, path }, { where: { file } }));
      continue;
    }
    const creationDate = attrOf(p, 'creationdate');
    const lastModificationDate = attrOf(p, 'lastmodificationdate');
    entries.push({
      kind: 'directory',
      directory: {
        path,
        ...(creationDate !== undefined ? { creationDate } : {}),
        ...(lastModificationDate !== undefined ? { lastModificationDate } : {}),
        content: dirHashes(childOf(d, 'content'), path, file, findings),
        structure: dirHashes(childOf(d, 'structure'), path, file, findings),
      },
    });
  }
  const references = childrenOf(childOf(root, 'references'), 'hashlistreference').flatMap((r) => {
    const path = textOf(childOf(r, 'path')).trim();
    if (!isSafeRelativePath(path)) {
      findings.push(finding('MHL_PATH_UNSAFE', { file, path }, { where: { file } }));
      return [];
    }
    return [{ path, c4: textOf(childOf(r, 'c4')).trim() }];
  });
  const location = childOf(ci, 'location');
  const comment = childOf(ci, 'comment');
  const manifest: MhlManifest = {
    creator: {
      creationDate: textOf(childOf(ci, 'creationdate')).trim(),
      hostName: textOf(childOf(ci, 'hostname')).trim(),
      tool: { name: textOf(tool).trim(), version: attrOf(tool, 'version') ?? '' },
      authors: childrenOf(ci, 'author').map((a) => ({
        name: textOf(a).trim(),
        ...(attrOf(a, 'email') !== undefined ? { email: attrOf(a, 'email')! } : {}),
        ...(attrOf(a, 'phone') !== undefined ? { phone: attrOf(a, 'phone')! } : {}),
        ...(attrOf(a, 'role') !== undefined ? { role: attrOf(a, 'role')! } : {}),
      })),
      ...(location ? { location: textOf(location).trim() } : {}),
      ...(comment ? { comment: textOf(comment).trim() } : {}),
    },
    process: {
      process: textOf(childOf(pi, 'process')).trim(),
      ...(rh ? { rootHash: { content: dirHashes(childOf(rh, 'content'), '.', file, findings), structure: dirHashes(childOf(rh, 'structure'), '.', file, findings) } } : {}),
      ignore: childrenOf(childOf(pi, 'ignore'), 'pattern').map((p) => textOf(p).trim()).filter((p) => p !== ''),
    },
    entries,
    references,
  };
  return { value: manifest, findings };
}

/** Reads `ascmhl_chain.xml`; never throws. */
export function readMhlChain(text: string, file: string): MhlRead<readonly MhlChainEntry[]> {
  const parsed = parsedMhlXml(text, file);
  if (!parsed.root) return { value: undefined, findings: parsed.findings };
  const dir = childOf(parsed.root, 'ascmhldirectory');
  if (!dir) {
    return { value: undefined, findings: [finding('MHL_XML_STRUCTURE', { file, reason: 'the root element is not <ascmhldirectory>' }, { where: { file } })] };
  }
  const findings: Finding[] = [];
  const entries = childrenOf(dir, 'hashlist').flatMap((h) => {
    const path = textOf(childOf(h, 'path')).trim();
    if (!isSafeRelativePath(path)) {
      findings.push(finding('MHL_PATH_UNSAFE', { file, path }, { where: { file } }));
      return [];
    }
    return [{ sequenceNr: Number(attrOf(h, 'sequencenr') ?? NaN), path, c4: textOf(childOf(h, 'c4')).trim() }];
  });
  return { value: entries, findings };
}

function hashLines(indent: string, hashes: readonly MhlHashValue[]): string[] {
  return hashes.map((h) => {
    const attrs = `${h.action ? ` action="${h.action}"` : ''}${h.hashDate ? ` hashdate="${xmlText(h.hashDate)}"` : ''}`;
    return `${indent}<${h.algorithm}${attrs}>${xmlText(h.value)}</${h.algorithm}>`;
  });
}

function dateAttrs(e: { creationDate?: string; lastModificationDate?: string }): string {
  return `${e.creationDate ? ` creationdate="${xmlText(e.creationDate)}"` : ''}${e.lastModificationDate ? ` lastmodificationdate="${xmlText(e.lastModificationDate)}"` : ''}`;
}

/** Writes a manifest in the layout of the reference implementation (two-space indent, UTF-8). */
export function writeMhlManifest(m: MhlManifest): string {
  const L: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<hashlist version="2.0" xmlns="urn:ASC:MHL:v2.0">', '  <creatorinfo>'];
  L.push(`    <creationdate>${xmlText(m.creator.creationDate)}</creationdate>`);
  L.push(`    <hostname>${xmlText(m.creator.hostName)}</hostname>`);
  L.push(`    <tool version="${xmlText(m.creator.tool.version)}">${xmlText(m.creator.tool.name)}</tool>`);
  for (const a of m.creator.authors) {
    const attrs = (['email', 'phone', 'role'] as const).map((k) => (a[k] ? ` ${k}="${xmlText(a[k])}"` : '')).join('');
    L.push(`    <author${attrs}>${xmlText(a.name)}</author>`);
  }
  if (m.creator.location) L.push(`    <location>${xmlText(m.creator.location)}</location>`);
  if (m.creator.comment) L.push(`    <comment>${xmlText(m.creator.comment)}</comment>`);
  L.push('  </creatorinfo>', '  <processinfo>', `    <process>${xmlText(m.process.process)}</process>`);
  if (m.process.rootHash) {
    L.push('    <roothash>', '      <content>', ...hashLines('        ', m.process.rootHash.content), '      </content>');
    L.push('      <structure>', ...hashLines('        ', m.process.rootHash.structure), '      </structure>', '    </roothash>');
  }
  if (m.process.ignore.length) L.push('    <ignore>', ...m.process.ignore.map((p) => `      <pattern>${xmlText(p)}</pattern>`), '    </ignore>');
  L.push('  </processinfo>', '  <hashes>');
  for (const e of m.entries) {
    if (e.kind === 'file') {
      const f = e.file;
      L.push('    <hash>', `      <path${f.size !== undefined ? ` size="${f.size}"` : ''}${dateAttrs(f)}>${xmlText(f.path)}</path>`);
      if (f.previousPath) L.push(`      <previousPath>${xmlText(f.previousPath)}</previousPath>`);
      L.push(...hashLines('      ', f.hashes), '    </hash>');
    } else {
      const d = e.directory;
      L.push('    <directoryhash>', `      <path${dateAttrs(d)}>${xmlText(d.path)}</path>`);
      L.push('      <content>', ...hashLines('        ', d.content), '      </content>');
      L.push('      <structure>', ...hashLines('        ', d.structure), '      </structure>', '    </directoryhash>');
    }
  }
  L.push('  </hashes>');
  if (m.references.length) {
    L.push('  <references>');
    for (const r of m.references) L.push('    <hashlistreference>', `      <path>${xmlText(r.path)}</path>`, `      <c4>${xmlText(r.c4)}</c4>`, '    </hashlistreference>');
    L.push('  </references>');
  }
  L.push('</hashlist>', '');
  return L.join('\n');
}

/** Writes `ascmhl_chain.xml` in the layout of the reference implementation. */
export function writeMhlChain(entries: readonly MhlChainEntry[]): string {
  const L = ['<?xml version="1.0" encoding="UTF-8"?>', '<ascmhldirectory xmlns="urn:ASC:MHL:DIRECTORY:v2.0">'];
  for (const e of entries) L.push(`  <hashlist sequencenr="${e.sequenceNr}">`, `    <path>${xmlText(e.path)}</path>`, `    <c4>${xmlText(e.c4)}</c4>`, '  </hashlist>');
  L.push('</ascmhldirectory>', '');
  return L.join('\n');
}

/** Every path a manifest records as a file, with its hashes. */
export function fileEntriesOf(m: MhlManifest): MhlFileEntry[] {
  return m.entries.flatMap((e) => (e.kind === 'file' ? [e.file] : []));
}

export function directoryEntriesOf(m: MhlManifest): MhlDirectoryEntry[] {
  return m.entries.flatMap((e) => (e.kind === 'directory' ? [e.directory] : []));
}

/** `2020-01-17T14:30:00+00:00`: the xs:dateTime form the reference tool writes, in UTC, whole seconds. */
export function mhlDateTime(ms: number): string {
  return `${new Date(Math.floor(ms / 1000) * 1000).toISOString().slice(0, 19)}+00:00`;
}

/** `0002_A002R2EC_2020-01-17_143000Z.mhl`: sequence (at least 4 digits), folder name, UTC date and time. */
export function mhlGenerationFileName(sequenceNr: number, folderName: string, ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${String(sequenceNr).padStart(4, '0')}_${folderName}_${iso.slice(0, 10)}_${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z.mhl`;
}

/** The sequence number of a generation file name, or undefined when it does not follow the pattern. */
export function mhlGenerationNumber(fileName: string): number | undefined {
  const m = /^(\d{4,})_.+_\d{4}-\d{2}-\d{2}_\d{6}Z\.mhl$/.exec(fileName);
  return m ? Number(m[1]) : undefined;
}
