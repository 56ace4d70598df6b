import type { MediaRecord } from '../timeline/index.ts';
import { conformFramesAt, conformSourceLabel, type ConformEvent } from './events.ts';
import { conformCameraClipId, conformNameKey, conformPathKey, conformReelKeys } from './names.ts';

/**
 * Matching events to inventory records. Rules run in the order given: the first rule that
 * finds candidates decides the set; later name rules then narrow it, and source timecode
 * containment breaks the last tie. An event ends matched (naming the rules that decided),
 * ambiguous (the candidates and why none won) or missing.
 */

export type ConformMatchRule = 'path' | 'file' | 'reel' | 'clip' | 'timecode';
export const CONFORM_MATCH_RULES: readonly ConformMatchRule[] = ['path', 'file', 'reel', 'clip', 'timecode'];

export type ConformMatch =
  | { readonly status: 'matched'; readonly record: MediaRecord; readonly recordIndex: number; readonly rule: string }
  | { readonly status: 'ambiguous'; readonly candidates: readonly { readonly record: MediaRecord; readonly recordIndex: number }[]; readonly rule: string; readonly why: string }
  | { readonly status: 'missing'; readonly tried: readonly ConformMatchRule[] };

type NameRule = Exclude<ConformMatchRule, 'timecode'>;

/** The inventory indexed by normalised key, one map a rule, so a match costs a few lookups. */
export interface ConformIndex {
  readonly records: readonly MediaRecord[];
  readonly keys: Readonly<Record<NameRule, ReadonlyMap<string, readonly number[]>>>;
}

/** The path a record stands for: its path, else an ALE's `Source Path` folder plus its file name. */
export function conformRecordPath(r: MediaRecord): string | undefined {
  if (r.path) return r.path;
  const dir = r.extra['Source Path'] ?? r.extra['Source path'];
  if (dir && r.fileName) return `${dir.replace(/[\\/]+$/, '')}/${r.fileName}`;
  return undefined;
}

function recordKeys(r: MediaRecord): Record<NameRule, string[]> {
  const path = conformRecordPath(r);
  const file = r.fileName ?? path;
  const reel = r.reel ? conformReelKeys(r.reel) : [];
  for (const n of [r.cameraClipName, r.clipName, file]) {
    const cam = n ? conformCameraClipId(n) : undefined;
    if (cam && !reel.includes(cam)) reel.push(cam);
  }
  const clip = [r.clipName, r.cameraClipName, file].filter((n): n is string => Boolean(n)).map(conformNameKey);
  return {
    path: path ? [conformPathKey(path)] : [],
    file: file ? [conformNameKey(file)] : [],
    reel,
    clip: [...new Set(clip)],
  };
}

function eventKeys(e: ConformEvent): Record<NameRule, string[]> {
  const c = e.clip;
  const url = c.media.kind === 'external' ? c.media.url : undefined;
  const fcpPath = c.media.kind === 'external' ? (c.media.metadata?.['fcp7xml'] as { path?: unknown } | undefined)?.path : undefined;
  // Only a file the list names (a source file comment, a media URL): a bare clip name is the clip rule's.
  const file = c.sourceFile ?? url;
  return {
    path: [url, typeof fcpPath === 'string' ? fcpPath : undefined].filter((p): p is string => Boolean(p)).map(conformPathKey),
    file: file ? [conformNameKey(file)] : [],
    reel: c.reel ? conformReelKeys(c.reel) : [],
    clip: c.name ? [conformNameKey(c.name)] : [],
  };
}

export function conformIndexOf(records: readonly MediaRecord[]): ConformIndex {
  const keys: Record<NameRule, Map<string, number[]>> = { path: new Map(), file: new Map(), reel: new Map(), clip: new Map() };
  records.forEach((r, i) => {
    const k = recordKeys(r);
    for (const rule of ['path', 'file', 'reel', 'clip'] as const) {
      for (const key of k[rule]) {
        const list = keys[rule].get(key);
        if (!list) keys[rule].set(key, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    }
  });
  return { records, keys };
}

function lookup(index: ConformIndex, rule: NameRule, keys: readonly string[]): number[] {
  if (keys.length === 1) return [...(index.keys[rule].get(keys[0]!) ?? [])];
  const out = new Set<number>();
  for (const k of keys) for (const i of index.keys[rule].get(k) ?? []) out.add(i);
  return [...out].sort((a, b) => a - b);
}

const RULE_WORDS: Record<ConformMatchRule, string> = { path: 'path', file: 'file name', reel: 'reel', clip: 'clip name', timecode: 'source timecode' };

/** The source frames an event needs (transitions included), `[start, end)`, counted at `rate`. */
export function conformNeededRange(e: ConformEvent, rate: ConformEvent['sourceRate'] = e.sourceRate): { start: number; end: number } {
  const from = e.consumed.start.rate;
  const start = conformFramesAt(e.consumed.start.value - e.transitionHead, from, rate);
  const end = conformFramesAt(e.consumed.start.value + e.consumed.duration.value + e.transitionTail, from, rate);
  return { start, end };
}

function contains(r: MediaRecord, e: ConformEvent): boolean | undefined {
  const a = r.availableRange;
  if (!a) return undefined;
  const need = conformNeededRange(e, a.start.rate as ConformEvent['sourceRate']);
  return need.start >= a.start.value && need.end <= a.start.value + a.duration.value;
}

/** A record known to hold no picture: no raster and a sound file's extension or audio channels only. */
export function conformIsAudioOnly(r: MediaRecord): boolean {
  if (r.width !== undefined || r.height !== undefined) return false;
  const name = r.fileName ?? r.path ?? '';
  return /\.(wav|aif|aiff|bwf|mp3|m4a|aac|flac)$/i.test(name) || (r.audioChannels ?? 0) > 0;
}

function recordLabel(r: MediaRecord): string {
  return r.fileName ?? r.clipName ?? r.path ?? r.reel ?? '?';
}

/** Matches one event against the indexed inventory with the rules in order. */
export function conformMatchEvent(e: ConformEvent, index: ConformIndex, rules: readonly ConformMatchRule[] = CONFORM_MATCH_RULES): ConformMatch {
  const keys = eventKeys(e);
  const nameRules = rules.filter((r): r is NameRule => r !== 'timecode');
  for (let ri = 0; ri < nameRules.length; ri++) {
    const rule = nameRules[ri]!;
    if (keys[rule].length === 0) continue;
    let cands = lookup(index, rule, keys[rule]);
    if (e.trackKind === 'video') cands = cands.filter((i) => !conformIsAudioOnly(index.records[i]!));
    if (cands.length === 0) continue;
    const decided = [rule as string];
    const notes: string[] = [];
    const label = () => (cands.length === 2 ? 'both' : `all ${cands.length}`);
    if (cands.length > 1) notes.push(`${cands.length} share ${RULE_WORDS[rule]} ${rule === 'reel' ? (e.clip.reel ?? '') : rule === 'clip' ? e.clip.name : ''}`.trim());
    // Later name rules narrow the set; a rule that would leave none is noted and ignored.
    for (const next of nameRules.slice(ri + 1)) {
      if (cands.length <= 1) break;
      if (keys[next].length === 0) continue;
      const hit = new Set(lookup(index, next, keys[next]));
      const kept = cands.filter((i) => hit.has(i));
      if (kept.length === 0) notes.push(`${RULE_WORDS[next]} ${next === 'clip' ? `"${e.clip.name}" ` : ''}matches none of them`);
      else if (kept.length < cands.length) {
        cands = kept;
        decided.push(next);
      } else notes.push(`${RULE_WORDS[next]} matches ${label()}`);
    }
    if (cands.length > 1 && rules.includes('timecode')) {
      const inside = cands.filter((i) => contains(index.records[i]!, e) === true);
      const need = conformNeededRange(e);
      const span = `source ${conformSourceLabel(need.start, e.sourceRate)}-${conformSourceLabel(need.end, e.sourceRate)}`;
      if (inside.length === 0) notes.push(`none contains ${span}`);
      else if (inside.length < cands.length) {
        cands = inside;
        decided.push('timecode');
      } else notes.push(`${label()} contain ${span}`);
    }
    if (cands.length === 1) return { status: 'matched', record: index.records[cands[0]!]!, recordIndex: cands[0]!, rule: decided.join('+') };
    return {
      status: 'ambiguous',
      candidates: cands.map((i) => ({ record: index.records[i]!, recordIndex: i })),
      rule: decided.join('+'),
      why: `${notes.join('; ')}: no rule can choose between ${cands.map((i) => recordLabel(index.records[i]!)).join(' and ')}`,
    };
  }
  return { status: 'missing', tried: rules.filter((r) => r === 'timecode' || keys[r].length > 0) };
}

/** Parses `--match path,reel,timecode`: known rule names, no repeats. */
export function conformParseMatchRules(text: string): { ok: true; value: ConformMatchRule[] } | { ok: false; error: string } {
  const out: ConformMatchRule[] = [];
  for (const part of text.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean)) {
    const rule = (part === 'filename' || part === 'file-name' ? 'file' : part === 'tape' ? 'reel' : part === 'clipname' || part === 'name' ? 'clip' : part === 'tc' ? 'timecode' : part) as ConformMatchRule;
    if (!CONFORM_MATCH_RULES.includes(rule)) return { ok: false, error: `"${part}" is not a match rule; use ${CONFORM_MATCH_RULES.join(', ')}` };
    if (out.includes(rule)) return { ok: false, error: `match rule "${rule}" is listed twice` };
    out.push(rule);
  }
  if (out.length === 0) return { ok: false, error: `no match rule given; use ${CONFORM_MATCH_RULES.join(', ')}` };
  return { ok: true, value: out };
}
