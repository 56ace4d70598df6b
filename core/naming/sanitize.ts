/**
 * File-name legality per target file system, and repair. Facts: naming-and-manifests §2
 * (Microsoft "Naming a file" for Windows; APFS/HFS+ and ext4 limits).
 * - windows: no `< > : " / \ | ? *` or control characters, no reserved device stems (CON, PRN,
 *   AUX, NUL, COM1-9, LPT1-9, COM¹²³, LPT¹²³, CONIN$, CONOUT$; with any extension), no
 *   trailing dot or space, 255 UTF-16 units.
 * - macos: no `/`, `:` or NUL (Finder swaps `/` and `:`), 255 UTF-8 bytes (APFS).
 * - linux: no `/` or NUL, 255 bytes.
 * - all: every rule of the three at once.
 * - portable: the deliverable-safe set `[A-Za-z0-9._-]`, no leading `-` or `.`, plus `all`.
 * A name is one path component: `/`, `\`, `.`, `..` and empty names never pass (they would
 * leave or name the folder itself) and are refused rather than repaired.
 */
import { err, ok, type Result } from '../time/index.ts';
import { finding, type Finding } from '../findings/index.ts';

export type NamingTargetOs = 'windows' | 'macos' | 'linux' | 'all' | 'portable';
export const NAMING_TARGET_OSES: readonly NamingTargetOs[] = ['windows', 'macos', 'linux', 'all', 'portable'];

const OS_LABEL: Record<NamingTargetOs, string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
  all: 'Windows, macOS and Linux',
  portable: 'the portable delivery set',
};

const WINDOWS_RESERVED = new Set(['CON', 'PRN', 'AUX', 'NUL', 'CONIN$', 'CONOUT$']);
for (let i = 1; i <= 9; i++) WINDOWS_RESERVED.add(`COM${i}`).add(`LPT${i}`);
for (const sup of ['¹', '²', '³']) WINDOWS_RESERVED.add(`COM${sup}`).add(`LPT${sup}`);

export const NAMING_COMPONENT_MAX = 255;

const windowsRules = (t: NamingTargetOs) => t === 'windows' || t === 'all' || t === 'portable';

/** Whether one character (a code point) is refused by the target. */
function illegalOn(c: string, t: NamingTargetOs): boolean {
  const code = c.codePointAt(0)!;
  // A lone surrogate cannot be written as UTF-8 (macOS, Linux) and is refused everywhere.
  if (c === '/' || code === 0 || (code >= 0xd800 && code <= 0xdfff)) return true;
  if (t === 'portable') return !/^[A-Za-z0-9._-]$/.test(c);
  if (windowsRules(t) && (code < 32 || '<>:"\\|?*'.includes(c))) return true;
  if ((t === 'macos' || t === 'all') && c === ':') return true;
  return false;
}

/** UTF-8 length in bytes of a string (counted by code point; lone surrogates count 3). */
export function utf8Length(s: string): number {
  let n = 0;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** The length a target limits, with its unit: UTF-16 units on Windows, UTF-8 bytes elsewhere (the stricter for `all`). */
function measured(s: string, t: NamingTargetOs): { length: number; unit: string } {
  return t === 'windows' ? { length: s.length, unit: 'UTF-16 units' } : { length: utf8Length(s), unit: 'UTF-8 bytes' };
}

function reservedStem(name: string): string | undefined {
  const stem = name.split('.')[0]!.replace(/[ .]+$/, '');
  return WINDOWS_RESERVED.has(stem.toUpperCase()) ? stem : undefined;
}

function escapeReason(name: string): string | undefined {
  if (name === '') return 'a name cannot be empty';
  if (name === '.' || name === '..') return `\`${name}\` names a folder, not a file in it`;
  if (name.includes('/') || name.includes('\\')) return 'it contains a path separator, so it would leave its folder';
  return undefined;
}

/** Every reason a single name is not legal on the target (empty when it is). */
export function namingComponentProblems(name: string, target: NamingTargetOs): Finding[] {
  const os = OS_LABEL[target];
  const escape = escapeReason(name);
  if (escape) return [finding('NAMING_PATH_ESCAPE', { name, reason: escape })];
  const out: Finding[] = [];
  if (name !== name.normalize('NFC')) out.push(finding('NAMING_NOT_NFC', { name }));
  const seen = new Set<string>();
  for (const c of name) {
    if (illegalOn(c, target) && !seen.has(c)) {
      seen.add(c);
      out.push(finding('NAMING_ILLEGAL_CHARACTER', { name, char: c.codePointAt(0)! < 32 ? `U+${c.codePointAt(0)!.toString(16).padStart(4, '0').toUpperCase()}` : c, os }));
    }
  }
  if (target === 'portable' && /^[-.]/.test(name)) out.push(finding('NAMING_ILLEGAL_CHARACTER', { name, char: name[0]!, os: `${os} (as the first character)` }));
  if (windowsRules(target)) {
    // These two rules come from Windows, whichever combined target asked for them.
    if (/[. ]$/.test(name)) out.push(finding('NAMING_TRAILING_CHARACTER', { name, os: 'Windows' }));
    const stem = reservedStem(name);
    if (stem) out.push(finding('NAMING_RESERVED_NAME', { name, stem, os: 'Windows' }));
  }
  const m = measured(name, target);
  if (m.length > NAMING_COMPONENT_MAX) out.push(finding('NAMING_COMPONENT_TOO_LONG', { name, length: m.length, limit: NAMING_COMPONENT_MAX, unit: m.unit, os }));
  return out;
}

/** Cuts `s` to at most `limit` in the target's unit, on a code-point boundary. */
function truncatedTo(s: string, limit: number, t: NamingTargetOs): string {
  let out = '';
  for (const c of s) {
    if (measured(out + c, t).length > limit) break;
    out += c;
  }
  return out;
}

export interface NamingSanitised {
  readonly name: string;
  /** One NAMING_SANITISED info finding for each repair made (empty when the name was already legal). */
  readonly findings: readonly Finding[];
}

/**
 * A legal name for the target: NFC, illegal characters replaced by `_`, trailing dots and
 * spaces removed, reserved stems suffixed with `_` (`CON.txt` -> `CON_.txt`), cut to 255 while
 * keeping the extension. Names that would leave their folder (`..`, `a/b`, `a\\b`) are refused.
 */
export function sanitizedNamingComponent(name: string, target: NamingTargetOs): Result<NamingSanitised, Finding> {
  const escape = escapeReason(name);
  if (escape) return err(finding('NAMING_PATH_ESCAPE', { name, reason: escape }));
  const repairs: Finding[] = [];
  const step = (next: string, reason: string) => {
    if (next !== current) repairs.push(finding('NAMING_SANITISED', { from: current, to: next, reason }));
    current = next;
  };
  let current = name;
  step(current.normalize('NFC'), 'normalised to Unicode NFC');
  step([...current].map((c) => (illegalOn(c, target) ? '_' : c)).join(''), `characters ${OS_LABEL[target]} refuses became _`);
  if (target === 'portable') step(current.replace(/^[-.]/, '_'), 'a leading - or . became _');
  if (windowsRules(target)) step(current.replace(/[. ]+$/, ''), 'trailing dots and spaces removed');
  if (windowsRules(target)) {
    const stem = reservedStem(current);
    if (stem) step(`${stem}_${current.slice(stem.length)}`, `\`${stem}\` is a reserved device name on Windows`);
  }
  if (measured(current, target).length > NAMING_COMPONENT_MAX) {
    const dot = current.lastIndexOf('.');
    const ext = dot > 0 && current.length - dot <= 16 ? current.slice(dot) : '';
    const stem = ext ? current.slice(0, dot) : current;
    const room = NAMING_COMPONENT_MAX - measured(ext, target).length;
    let cut = truncatedTo(stem, room, target);
    if (windowsRules(target)) cut = cut.replace(/[. ]+$/, '');
    step(cut + ext, `cut to ${NAMING_COMPONENT_MAX} ${measured('', target).unit}`);
  }
  if (current === '' || current === '.' || current === '..') step('_', 'nothing legal was left');
  return ok({ name: current, findings: repairs });
}

/**
 * Checks a relative path (`/`-separated) a delivery will create: absolute paths and `..`
 * are refused, each component must be legal on the target, and the whole path must stay within
 * `maxLength` characters (default 200, headroom under Windows MAX_PATH on the recipient's drive).
 */
export function namingRelativePathProblems(path: string, target: NamingTargetOs, maxLength = 200): Finding[] {
  if (/^([/\\]|[A-Za-z]:)/.test(path)) return [finding('NAMING_PATH_ESCAPE', { name: path, reason: 'it is an absolute path' })];
  const parts = path.split('/');
  if (parts.includes('..')) return [finding('NAMING_PATH_ESCAPE', { name: path, reason: 'it climbs out of its folder with `..`' })];
  const out = parts.flatMap((p) => namingComponentProblems(p, target));
  if (path.length > maxLength) out.push(finding('NAMING_NAME_TOO_LONG', { name: path, what: 'the relative path', length: path.length, limit: maxLength }));
  return out;
}
