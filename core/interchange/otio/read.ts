import { finding, type Finding, type FindingCode, type ParamsOf, type Where } from '../../findings/index.ts';
import {
  formatRate,
  isDropFrameCapable,
  nearestStandardRate,
  rate as makeRate,
  rescaledExactly,
  rescaledTo,
  rt,
  type FrameRate,
  type Rate,
  type RationalTime,
  type TimeRange,
} from '../../time/index.ts';
import {
  MARKER_COLORS,
  type Clip,
  type Effect,
  type Gap,
  type Marker,
  type MarkerColor,
  type MediaReference,
  type Metadata,
  type Ratio,
  type Stack,
  type Timeline,
  type Track,
  type TrackItem,
  type TrackKind,
  type Transition,
} from '../../timeline/index.ts';
import type { ReadOptions, ReadResult } from '../types.ts';
import { readOtioJson, type JsonObject, type JsonValue } from './json.ts';
import { OTIO_META, type OtioStash } from './meta.ts';

/**
 * OpenTimelineIO JSON (.otio) into the timeline model.
 *
 * Mapping (documented once, mirrored by writeOtio):
 * - Timeline.tracks (a Stack) becomes `Timeline.tracks`; its markers are the timeline's
 *   markers; its other fields (name, metadata, effects …) ride in
 *   `metadata.picturelock.otio.stack` so they are written back unchanged.
 * - OTIO has no timeline rate: it is the rate of `global_start_time`, else `options.rate`,
 *   else the rate of the first item found (a RATE_INFERRED finding), else 24.
 *   Drop-frame counting is `metadata.picturelock.dropFrame` (OTIO itself has no flag).
 * - Rates are floats in OTIO: each is snapped to the exact rate it stands for
 *   (23.976024627685547 -> 24000/1001); values off a whole frame are rounded, with findings.
 * - `metadata.cmx_3600.reel` (as OTIO's EDL adapter writes it) is `Clip.reel`;
 *   `metadata.picturelock.sourceFile` (or a `SOURCE FILE:` EDL comment) is `Clip.sourceFile`.
 * - A Track nested inside a track becomes a Stack holding that one track, and a Clip/Gap/Stack
 *   placed directly in a Stack is wrapped in a track of its own; both are marked in
 *   `metadata.picturelock.otio` and unwrapped again on writing.
 * - Fields the model has no place for (Item `color`, a Track's `source_range`, a
 *   Transition's `parameters`, an ImageSequenceReference's frame pattern …) are kept in
 *   `metadata.picturelock.otio.fields`; objects of unknown schemas are kept whole in
 *   `metadata.picturelock.otio.raw` on a gap of the same length.
 * - A SerializableCollection reads as its first Timeline (readOtioTimelines returns all),
 *   with an info finding naming the others. A file holding a single Clip, Track or Stack
 *   reads as a timeline around it.
 */

type Ctx = {
  readonly findings: Finding[];
  readonly file: string | undefined;
  readonly positionOf: (v: object) => { line: number; column: number } | undefined;
  /** Float rates already reported as snapped, so each is said once per file. */
  readonly snapped: Set<number>;
  readonly options: ReadOptions;
};

const CURRENT: Record<string, number> = {
  Timeline: 2,
  Stack: 1,
  Track: 1,
  Clip: 2,
  Gap: 1,
  Transition: 1,
  ExternalReference: 1,
  MissingReference: 1,
  GeneratorReference: 1,
  ImageSequenceReference: 1,
  LinearTimeWarp: 1,
  FreezeFrame: 1,
  Effect: 1,
  Marker: 3,
  SerializableCollection: 1,
  RationalTime: 1,
  TimeRange: 1,
};

/** Names OTIO registered under an older label and still reads. */
const LEGACY: Record<string, string> = { Sequence: 'Track', Filler: 'Gap', SerializeableCollection: 'SerializableCollection' };

function isObj(v: JsonValue | undefined): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmptyValue(v: JsonValue | undefined): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isObj(v) && Object.keys(v).length === 0);
}

function whereOf(ctx: Ctx, obj: object | undefined, extra: Where = {}): Where {
  const pos = obj ? ctx.positionOf(obj) : undefined;
  return { ...(ctx.file !== undefined ? { file: ctx.file } : {}), ...(pos ?? {}), ...extra };
}

function report<C extends FindingCode>(ctx: Ctx, obj: object | undefined, code: C, params: ParamsOf<C>, extra: Where = {}): void {
  ctx.findings.push(finding(code, params, { where: whereOf(ctx, obj, extra) }));
}

/** The schema's base name (legacy names mapped) and version; reports legacy and unknown versions. */
function schemaOf(ctx: Ctx, obj: JsonObject): { name: string; version: number } | undefined {
  const s = obj['OTIO_SCHEMA'];
  if (typeof s !== 'string') return undefined;
  const dot = s.lastIndexOf('.');
  const base = dot > 0 ? s.slice(0, dot) : s;
  const version = dot > 0 ? Number(s.slice(dot + 1)) : NaN;
  const legacy = LEGACY[base];
  const name = legacy ?? base;
  if (legacy) report(ctx, obj, 'OTIO_SCHEMA_LEGACY', { schema: s, as: `${legacy}.1` });
  const known = CURRENT[name];
  if (known !== undefined && !legacy && (!Number.isInteger(version) || version < 1 || version > known)) {
    report(ctx, obj, 'OTIO_SCHEMA_VERSION_UNKNOWN', { schema: s, known: `${name}.${known}` });
  }
  return { name, version };
}

function str(v: JsonValue | undefined): string {
  return typeof v === 'string' ? v : '';
}

/** Fields of `obj` the model has no place for and that differ from OTIO's defaults. */
function leftovers(obj: JsonObject, consumed: readonly string[], defaults: Readonly<Record<string, JsonValue>> = {}): Record<string, JsonValue> | undefined {
  let out: Record<string, JsonValue> | undefined;
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'OTIO_SCHEMA' || consumed.includes(k) || defaults[k] === v) continue;
    if (isEmptyValue(v) || (k === 'enabled' && v === true)) continue;
    (out ??= {})[k] = v;
  }
  return out;
}

/** Adds the OTIO stash under `metadata.picturelock.otio`. */
function withStash(metadata: Metadata, stash: OtioStash): Metadata {
  const clean = Object.fromEntries(Object.entries(stash).filter(([, v]) => v !== undefined));
  if (Object.keys(clean).length === 0) return metadata;
  const pl = isObj(metadata[OTIO_META.key] as JsonValue) ? (metadata[OTIO_META.key] as Record<string, unknown>) : {};
  const prev = isObj(pl['otio'] as JsonValue) ? (pl['otio'] as Record<string, unknown>) : {};
  return { ...metadata, [OTIO_META.key]: { ...pl, otio: { ...prev, ...clean } } };
}

function metadataOf(obj: JsonObject): Record<string, unknown> {
  const m = obj['metadata'];
  return isObj(m) ? { ...m } : {};
}

/** The exact rate a float stands for; reported once per distinct float when it was not exact. */
function rateOf(ctx: Ctx, f: number, owner: object): Rate | undefined {
  // Beyond these bounds a float is not a rate anyone edits at (and would break exact arithmetic).
  if (!Number.isFinite(f) || f < 0.001 || f > 2 ** 31) return undefined;
  if (Number.isSafeInteger(f)) return makeRate(f);
  const std = nearestStandardRate(f);
  if (std) {
    if (std.num / std.den !== f && !ctx.snapped.has(f)) {
      ctx.snapped.add(f);
      report(ctx, owner, 'OTIO_RATE_SNAPPED', { float: String(f), rate: `${std.num}/${std.den} (${formatRate(std)})` });
    }
    return std;
  }
  const approx = ratioFromFloat(f, 1001000);
  if (approx.num <= 0) return undefined;
  const r = makeRate(approx.num, approx.den);
  if (!ctx.snapped.has(f)) {
    ctx.snapped.add(f);
    report(ctx, owner, r.num / r.den === f ? 'OTIO_RATE_SNAPPED' : 'OTIO_RATE_APPROXIMATED', { float: String(f), rate: `${r.num}/${r.den}` });
  }
  return r;
}

/** The simplest fraction within 2e-7 (relative) of `x` (continued fractions), else the nearest with denominator `maxDen`. */
export function ratioFromFloat(x: number, maxDen = 1000): Ratio {
  if (Number.isInteger(x)) return { num: x, den: 1 };
  const sign = x < 0 ? -1 : 1;
  const a = Math.abs(x);
  let [h0, h1, k0, k1] = [0, 1, 1, 0];
  let rest = a;
  for (let step = 0; step < 40; step++) {
    const q = Math.floor(rest);
    [h0, h1] = [h1, q * h1 + h0];
    [k0, k1] = [k1, q * k1 + k0];
    if (k1 > maxDen) break;
    // 2e-7 relative: OTIO files from Hiero and Resolve carry float32 noise (-0.7 as -0.699999988079071).
    if (Math.abs(h1 / k1 - a) <= 2e-7 * Math.max(1, a)) return { num: sign * h1, den: k1 };
    const frac = rest - q;
    if (frac < 1e-15) break;
    rest = 1 / frac;
  }
  const num = Math.round(a * maxDen);
  let [g, h] = [num, maxDen];
  while (h !== 0) [g, h] = [h, g % h];
  return num === 0 ? { num: 0, den: 1 } : { num: (sign * num) / g, den: maxDen / g };
}

/** A RationalTime.1 object at its exact rate, rounded to a whole unit when needed (with a finding). */
function readTime(ctx: Ctx, v: JsonValue | undefined, field: string, schema: string): RationalTime | undefined {
  if (!isObj(v)) {
    if (v !== undefined && v !== null) report(ctx, undefined, 'OTIO_FIELD_INVALID', { schema, field, reason: 'is not a RationalTime' });
    return undefined;
  }
  const rateF = v['rate'];
  const valueF = v['value'];
  if (typeof rateF !== 'number' || typeof valueF !== 'number' || !Number.isFinite(valueF)) {
    report(ctx, v, 'OTIO_FIELD_INVALID', { schema, field, reason: `needs a finite rate and value (rate ${String(rateF)}, value ${String(valueF)})` });
    return undefined;
  }
  const r = rateOf(ctx, rateF, v);
  if (!r) {
    report(ctx, v, 'OTIO_FIELD_INVALID', { schema, field, reason: `rate ${String(rateF)} is not a usable frame or sample rate (0.001 to 2^31)` });
    return undefined;
  }
  // The value counts units of the float rate; at the exact rate it is the same count.
  if (Number.isSafeInteger(valueF)) return rt(valueF, r);
  const frames = Math.round(valueF);
  if (!Number.isSafeInteger(frames)) {
    report(ctx, v, 'OTIO_FIELD_INVALID', { schema, field, reason: `value ${valueF} is past the range of exact frame counts` });
    return undefined;
  }
  report(ctx, v, 'OTIO_TIME_ROUNDED', { field: `${schema} ${field}`, value: String(valueF), frames, rate: formatRate(r) });
  return rt(frames, r);
}

/** A TimeRange.1 with both parts at the start's rate (the duration is rescaled, rounded with a finding if needed). */
function readRange(ctx: Ctx, v: JsonValue | undefined, field: string, schema: string): TimeRange | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isObj(v)) {
    report(ctx, undefined, 'OTIO_FIELD_INVALID', { schema, field, reason: 'is not a TimeRange' });
    return undefined;
  }
  const start = readTime(ctx, v['start_time'], `${field}.start_time`, schema);
  const duration = readTime(ctx, v['duration'], `${field}.duration`, schema);
  if (!start || !duration) return undefined;
  if (duration.value < 0) {
    report(ctx, v, 'OTIO_FIELD_INVALID', { schema, field: `${field}.duration`, reason: `is negative (${duration.value})` });
    return undefined;
  }
  const exact = rescaledExactly(duration, start.rate);
  if (exact !== undefined) return { start, duration: rt(exact, start.rate) };
  const rounded = rescaledTo(duration, start.rate, 'round');
  report(ctx, v, 'OTIO_TIME_ROUNDED', { field: `${schema} ${field}.duration`, value: `${duration.value}@${formatRate(duration.rate)}`, frames: rounded, rate: formatRate(start.rate) });
  return { start, duration: rt(rounded, start.rate) };
}

function readColor(ctx: Ctx, obj: JsonObject): MarkerColor {
  const c = obj['color'];
  const text = typeof c === 'string' ? c : isObj(c) ? str(c['name']) : '';
  if (c === undefined || c === null) return 'red';
  const lower = text.toLowerCase() as MarkerColor;
  if ((MARKER_COLORS as readonly string[]).includes(lower)) return lower;
  report(ctx, obj, 'OTIO_MARKER_COLOR_UNKNOWN', { color: text || JSON.stringify(c), as: 'red' });
  return 'red';
}

function readMarkers(ctx: Ctx, v: JsonValue | undefined): Marker[] {
  if (!Array.isArray(v)) return [];
  const out: Marker[] = [];
  for (const m of v) {
    if (!isObj(m)) continue;
    const s = schemaOf(ctx, m);
    if (s?.name !== 'Marker') {
      report(ctx, m, 'OTIO_SCHEMA_UNKNOWN', { schema: str(m['OTIO_SCHEMA']) || '(none)', kept: 'this marker was not read' });
      continue;
    }
    const markedRange = readRange(ctx, m['marked_range'], 'marked_range', 'Marker');
    if (!markedRange) {
      report(ctx, m, 'OTIO_FIELD_INVALID', { schema: 'Marker', field: 'marked_range', reason: 'is missing; the marker was not read' });
      continue;
    }
    const color = readColor(ctx, m);
    const note = str(m['comment']);
    const stash = leftovers(m, ['metadata', 'name', 'color', 'marked_range', 'comment']);
    const metadata = withStash(metadataOf(m), { fields: stash });
    out.push({
      name: str(m['name']),
      color,
      markedRange,
      ...(note ? { note } : {}),
      ...(Object.keys(metadata).length ? { metadata } : {}),
    });
  }
  return out;
}

function readEffects(ctx: Ctx, v: JsonValue | undefined): Effect[] {
  if (!Array.isArray(v)) return [];
  const out: Effect[] = [];
  for (const e of v) {
    if (!isObj(e)) continue;
    const s = schemaOf(ctx, e);
    const name = str(e['name']);
    if (s?.name === 'LinearTimeWarp') {
      const f = e['time_scalar'];
      const scalar = typeof f === 'number' && Number.isFinite(f) ? f : 1;
      if (typeof f !== 'number' || !Number.isFinite(f)) report(ctx, e, 'OTIO_FIELD_INVALID', { schema: 'LinearTimeWarp', field: 'time_scalar', reason: `${String(f)} is not a finite number; read as 1` });
      const ratio = ratioFromFloat(scalar);
      if (ratio.num / ratio.den !== scalar) report(ctx, e, 'OTIO_SPEED_SNAPPED', { float: String(scalar), ratio: `${ratio.num}/${ratio.den}` });
      const metadata = withStash(metadataOf(e), { fields: leftovers(e, ['metadata', 'name', 'time_scalar'], { effect_name: 'LinearTimeWarp' }) });
      out.push({ kind: 'linearTimeWarp', name, timeScalar: ratio, ...(Object.keys(metadata).length ? { metadata } : {}) });
    } else if (s?.name === 'FreezeFrame') {
      const metadata = withStash(metadataOf(e), { fields: leftovers(e, ['metadata', 'name', 'time_scalar'], { effect_name: 'FreezeFrame' }) });
      out.push({ kind: 'freezeFrame', name, ...(Object.keys(metadata).length ? { metadata } : {}) });
    } else if (s?.name === 'Effect') {
      const metadata = withStash(metadataOf(e), { fields: leftovers(e, ['metadata', 'name', 'effect_name']) });
      out.push({ kind: 'effect', name, effectName: str(e['effect_name']), ...(Object.keys(metadata).length ? { metadata } : {}) });
    } else {
      const schema = str(e['OTIO_SCHEMA']) || '(none)';
      report(ctx, e, 'OTIO_SCHEMA_UNKNOWN', { schema, kept: 'kept as a generic effect and written back as it was' });
      const metadata = withStash(metadataOf(e), { raw: e });
      out.push({ kind: 'effect', name, effectName: str(e['effect_name']) || schema, metadata });
    }
  }
  return out;
}

/** `target_url_base` + prefix + a `#` per padded digit + suffix: the pattern hosts show for a frame sequence. */
function sequencePattern(r: JsonObject): string {
  const base = str(r['target_url_base']);
  const sep = base === '' || /[/\\]$/.test(base) ? '' : base.includes('\\') && !base.includes('/') ? '\\' : '/';
  const pad = typeof r['frame_zero_padding'] === 'number' ? Math.max(1, Math.min(16, r['frame_zero_padding'])) : 1;
  return `${base}${sep}${str(r['name_prefix'])}${'#'.repeat(pad)}${str(r['name_suffix'])}`;
}

function readMediaReference(ctx: Ctx, v: JsonValue | undefined, clipName: string): MediaReference {
  if (!isObj(v)) return { kind: 'missing' };
  const s = schemaOf(ctx, v);
  const name = str(v['name']);
  const availableRange = readRange(ctx, v['available_range'], 'available_range', s?.name ?? 'MediaReference');
  const common = (consumed: string[], stash: OtioStash = {}) => {
    const metadata = withStash(metadataOf(v), { fields: leftovers(v, ['metadata', 'name', 'available_range', ...consumed]), ...stash });
    return {
      ...(name ? { name } : {}),
      ...(availableRange ? { availableRange } : {}),
      ...(Object.keys(metadata).length ? { metadata } : {}),
    };
  };
  switch (s?.name) {
    case 'ExternalReference':
      return { kind: 'external', url: str(v['target_url']), ...common(['target_url']) };
    case 'MissingReference':
      return { kind: 'missing', ...common([]) };
    case 'GeneratorReference': {
      const params = v['parameters'];
      return {
        kind: 'generator',
        generatorKind: str(v['generator_kind']),
        ...(isObj(params) && Object.keys(params).length ? { parameters: params } : {}),
        ...common(['generator_kind', 'parameters']),
      };
    }
    case 'ImageSequenceReference':
      report(ctx, v, 'OTIO_CHILD_WRAPPED', { name: name || clipName, schema: 'ImageSequenceReference', as: `was read as the external path ${sequencePattern(v)}` });
      return { kind: 'external', url: sequencePattern(v), ...common([], { schema: 'ImageSequenceReference.1' }) };
    default: {
      const schema = str(v['OTIO_SCHEMA']) || '(none)';
      report(ctx, v, 'OTIO_SCHEMA_UNKNOWN', { schema, kept: `the media of clip "${clipName}" was read as missing and is written back as it was` });
      return { kind: 'missing', ...(name ? { name } : {}), metadata: withStash({}, { raw: v }) };
    }
  }
}

/** Lifts the keys the model holds as fields: `cmx_3600.reel` and `picturelock.sourceFile`. */
function liftClipMetadata(md: Record<string, unknown>): { metadata: Record<string, unknown>; reel?: string; sourceFile?: string } {
  const out = { ...md };
  let reel: string | undefined;
  let sourceFile: string | undefined;
  const cmx = out[OTIO_META.cmxKey];
  if (isObj(cmx as JsonValue)) {
    const c = { ...(cmx as JsonObject) };
    if (typeof c['reel'] === 'string') {
      reel = c['reel'];
      delete c['reel'];
      if (Object.keys(c).length) out[OTIO_META.cmxKey] = c;
      else delete out[OTIO_META.cmxKey];
    }
  }
  const pl = out[OTIO_META.key];
  if (isObj(pl as JsonValue) && typeof (pl as JsonObject)['sourceFile'] === 'string') {
    const p = { ...(pl as JsonObject) };
    sourceFile = p['sourceFile'] as string;
    delete p['sourceFile'];
    if (Object.keys(p).length) out[OTIO_META.key] = p;
    else delete out[OTIO_META.key];
  }
  if (sourceFile === undefined && isObj(cmx as JsonValue) && Array.isArray((cmx as JsonObject)['comments'])) {
    for (const line of (cmx as JsonObject)['comments'] as JsonValue[]) {
      const m = typeof line === 'string' ? /^\s*SOURCE FILE:\s*(.*?)\s*$/i.exec(line) : null;
      if (m && m[1]) {
        sourceFile = m[1];
        break;
      }
    }
  }
  return { metadata: out, ...(reel !== undefined ? { reel } : {}), ...(sourceFile !== undefined ? { sourceFile } : {}) };
}

function readClip(ctx: Ctx, obj: JsonObject, version: number): Clip {
  const name = str(obj['name']);
  let media: MediaReference;
  let stash: OtioStash = {};
  if (version >= 2 || obj['media_references'] !== undefined) {
    const refs = obj['media_references'];
    const key = typeof obj['active_media_reference_key'] === 'string' ? obj['active_media_reference_key'] : 'DEFAULT_MEDIA';
    const active = isObj(refs) ? refs[key] : undefined;
    if (isObj(refs) && !isObj(active) && Object.keys(refs).length > 0) report(ctx, obj, 'OTIO_MEDIA_REFERENCE_MISSING', { clip: name, key });
    media = readMediaReference(ctx, active, name);
    const others = isObj(refs) ? Object.fromEntries(Object.entries(refs).filter(([k]) => k !== key)) : {};
    stash = {
      ...(Object.keys(others).length ? { otherMedia: others } : {}),
      ...(key !== 'DEFAULT_MEDIA' ? { activeKey: key } : {}),
    };
  } else {
    media = readMediaReference(ctx, obj['media_reference'], name);
  }
  let sourceRange = readRange(ctx, obj['source_range'], 'source_range', 'Clip');
  if (!sourceRange) {
    if (media.availableRange) {
      report(ctx, obj, 'OTIO_CLIP_RANGE_FROM_MEDIA', { clip: name });
      sourceRange = media.availableRange;
    } else {
      report(ctx, obj, 'OTIO_CLIP_RANGE_MISSING', { clip: name });
      sourceRange = { start: rt(0, makeRate(24)), duration: rt(0, makeRate(24)) };
    }
  }
  const lifted = liftClipMetadata(metadataOf(obj));
  const fields = leftovers(obj, ['metadata', 'name', 'source_range', 'effects', 'markers', 'enabled', 'media_reference', 'media_references', 'active_media_reference_key']);
  return {
    kind: 'clip',
    name,
    sourceRange,
    media,
    ...(lifted.reel !== undefined ? { reel: lifted.reel } : {}),
    ...(lifted.sourceFile !== undefined ? { sourceFile: lifted.sourceFile } : {}),
    enabled: obj['enabled'] !== false,
    markers: readMarkers(ctx, obj['markers']),
    effects: readEffects(ctx, obj['effects']),
    metadata: withStash(lifted.metadata, { fields, ...stash }),
  };
}

function readGap(ctx: Ctx, obj: JsonObject, fallback: Rate): Gap {
  const sourceRange = readRange(ctx, obj['source_range'], 'source_range', 'Gap') ?? { start: rt(0, fallback), duration: rt(0, fallback) };
  return {
    kind: 'gap',
    name: str(obj['name']),
    sourceRange,
    markers: readMarkers(ctx, obj['markers']),
    metadata: withStash(metadataOf(obj), { fields: leftovers(obj, ['metadata', 'name', 'source_range', 'markers']) }),
  };
}

function readTransition(ctx: Ctx, obj: JsonObject, fallback: Rate): Transition {
  const zero = rt(0, fallback);
  return {
    kind: 'transition',
    name: str(obj['name']),
    transitionType: str(obj['transition_type']),
    inOffset: readTime(ctx, obj['in_offset'], 'in_offset', 'Transition') ?? zero,
    outOffset: readTime(ctx, obj['out_offset'], 'out_offset', 'Transition') ?? zero,
    metadata: withStash(metadataOf(obj), { fields: leftovers(obj, ['metadata', 'name', 'transition_type', 'in_offset', 'out_offset']) }),
  };
}

function readKind(ctx: Ctx, obj: JsonObject, name: string): TrackKind {
  const k = obj['kind'];
  if (k === 'Audio') return 'audio';
  if (k === 'Video' || k === undefined) return 'video';
  report(ctx, obj, 'OTIO_TRACK_KIND_UNKNOWN', { track: name, kind: String(k) });
  return 'video';
}

function readTrack(ctx: Ctx, obj: JsonObject, fallback: Rate): Track {
  const name = str(obj['name']);
  const trackKind = readKind(ctx, obj, name);
  const children: TrackItem[] = [];
  const raw = obj['children'];
  if (Array.isArray(raw)) {
    for (const c of raw) {
      const item = readItem(ctx, c, fallback, trackKind);
      if (item) children.push(item);
    }
  }
  const fields = leftovers(obj, ['metadata', 'name', 'kind', 'children', 'markers', 'enabled']);
  if (fields && 'source_range' in fields) report(ctx, obj, 'OTIO_TRACK_TRIM_KEPT', { track: name });
  return {
    kind: 'track',
    name,
    trackKind,
    children,
    enabled: obj['enabled'] !== false,
    markers: readMarkers(ctx, obj['markers']),
    metadata: withStash(metadataOf(obj), { fields }),
  };
}

/** A single item in a one-item track marked as a wrapper, so the writer puts the item back in place. */
function wrapped(item: TrackItem, kind: TrackKind): Track {
  return { kind: 'track', name: item.name, trackKind: kind, children: [item], enabled: true, markers: [], metadata: withStash({}, { wrapped: true }) };
}

/** The children of a Stack as tracks; non-track children are wrapped one per track. */
function readStackChildren(ctx: Ctx, v: JsonValue | undefined, fallback: Rate, kind: TrackKind, stackName: string): Track[] {
  const out: Track[] = [];
  if (!Array.isArray(v)) return out;
  for (const c of v) {
    if (!isObj(c)) continue;
    const s = schemaOf(ctx, c);
    if (s?.name === 'Track') {
      out.push(readTrack(ctx, c, fallback));
      continue;
    }
    const item = readItem(ctx, c, fallback, kind);
    if (!item) continue;
    report(ctx, c, 'OTIO_CHILD_WRAPPED', { name: item.name, schema: s?.name ?? 'item', as: `sits directly in stack "${stackName}" and was read as a track of its own` });
    out.push(wrapped(item, kind));
  }
  return out;
}

function readStack(ctx: Ctx, obj: JsonObject, fallback: Rate, kind: TrackKind): Stack {
  const name = str(obj['name']);
  const sourceRange = readRange(ctx, obj['source_range'], 'source_range', 'Stack');
  return {
    kind: 'stack',
    name,
    children: readStackChildren(ctx, obj['children'], fallback, kind, name),
    ...(sourceRange ? { sourceRange } : {}),
    enabled: obj['enabled'] !== false,
    markers: readMarkers(ctx, obj['markers']),
    effects: readEffects(ctx, obj['effects']),
    metadata: withStash(metadataOf(obj), { fields: leftovers(obj, ['metadata', 'name', 'children', 'source_range', 'markers', 'effects', 'enabled']) }),
  };
}

/** A Track nested in a track: a Stack of that one track, marked so the writer writes a Track again. */
function readNestedTrack(ctx: Ctx, obj: JsonObject, fallback: Rate): Stack {
  const name = str(obj['name']);
  report(ctx, obj, 'OTIO_CHILD_WRAPPED', { name, schema: 'Track', as: 'sits inside a track and was read as a nested stack holding it' });
  const inner = readTrack(ctx, { ...obj, markers: [], effects: [], source_range: null, metadata: {}, enabled: true }, fallback);
  const sourceRange = readRange(ctx, obj['source_range'], 'source_range', 'Track');
  return {
    kind: 'stack',
    name,
    children: [inner],
    ...(sourceRange ? { sourceRange } : {}),
    enabled: obj['enabled'] !== false,
    markers: readMarkers(ctx, obj['markers']),
    effects: readEffects(ctx, obj['effects']),
    metadata: withStash(metadataOf(obj), { schema: 'Track.1' }),
  };
}

function readItem(ctx: Ctx, v: JsonValue, fallback: Rate, kind: TrackKind): TrackItem | undefined {
  if (!isObj(v)) return undefined;
  const s = schemaOf(ctx, v);
  switch (s?.name) {
    case 'Clip':
      return readClip(ctx, v, s.version);
    case 'Gap':
      return readGap(ctx, v, fallback);
    case 'Transition':
      return readTransition(ctx, v, fallback);
    case 'Stack':
      return readStack(ctx, v, fallback, kind);
    case 'Track':
      return readNestedTrack(ctx, v, fallback);
    default: {
      const schema = str(v['OTIO_SCHEMA']) || '(none)';
      const range = readRange(ctx, v['source_range'], 'source_range', schema);
      if (!range) {
        report(ctx, v, 'OTIO_SCHEMA_UNKNOWN', { schema, kept: 'it has no source_range, so it was left out' });
        return undefined;
      }
      report(ctx, v, 'OTIO_SCHEMA_UNKNOWN', { schema, kept: 'read as a gap of the same length and written back as it was' });
      return { kind: 'gap', name: str(v['name']), sourceRange: range, markers: [], metadata: withStash({}, { raw: v }) };
    }
  }
}

/** The first rate found on an item's range, depth first, for timelines that state none. */
function firstItemRate(v: JsonValue | undefined, depth = 0): number | undefined {
  if (depth > 64) return undefined;
  if (Array.isArray(v)) {
    for (const c of v) {
      const r = firstItemRate(c, depth + 1);
      if (r !== undefined) return r;
    }
    return undefined;
  }
  if (!isObj(v)) return undefined;
  for (const key of ['source_range', 'available_range']) {
    const range = v[key];
    if (isObj(range) && isObj(range['duration']) && typeof range['duration']['rate'] === 'number') return range['duration']['rate'];
  }
  return firstItemRate(v['children'], depth + 1) ?? firstItemRate(v['tracks'], depth + 1) ?? firstItemRate(v['media_reference'], depth + 1);
}

function timelineRate(ctx: Ctx, start: RationalTime | undefined, root: JsonObject, metadata: Record<string, unknown>, at: object = root): FrameRate {
  const pl = metadata[OTIO_META.key];
  const wantsDf = isObj(pl as JsonValue) && (pl as JsonObject)['dropFrame'] === true;
  const opt = ctx.options.rate;
  let r: Rate | undefined = start?.rate;
  if (!r && opt) r = opt;
  if (!r) {
    const f = firstItemRate(root['tracks'] ?? root);
    const found = f !== undefined ? rateOf(ctx, f, at) : undefined;
    r = found ?? makeRate(24);
    report(ctx, at, 'RATE_INFERRED', {
      rate: formatRate(r),
      why: found ? 'OTIO timelines carry no rate and this is the rate of the first item' : 'OTIO timelines carry no rate and no item has one; 24 is the default',
    });
  }
  const df = isDropFrameCapable(r) && (wantsDf || (opt !== undefined && opt.dropFrame && opt.num === r.num && opt.den === r.den));
  return { num: r.num, den: r.den, dropFrame: df };
}

/** Video tracks first, then audio, each in their file order. */
function orderedTracks(ctx: Ctx, tracks: Track[], at: object): Track[] {
  const ordered = [...tracks.filter((t) => t.trackKind === 'video'), ...tracks.filter((t) => t.trackKind === 'audio')];
  if (ordered.some((t, k) => t !== tracks[k])) report(ctx, at, 'OTIO_TRACKS_REORDERED', { order: ordered.map((t) => t.name || t.trackKind).join(', ') });
  return ordered;
}

function liftTimelineMetadata(md: Record<string, unknown>): Record<string, unknown> {
  const out = { ...md };
  const pl = out[OTIO_META.key];
  if (isObj(pl as JsonValue) && 'dropFrame' in (pl as JsonObject)) {
    const p = { ...(pl as JsonObject) };
    delete p['dropFrame'];
    if (Object.keys(p).length) out[OTIO_META.key] = p;
    else delete out[OTIO_META.key];
  }
  return out;
}

function readTimeline(ctx: Ctx, obj: JsonObject): Timeline {
  const md = metadataOf(obj);
  const start = readTime(ctx, obj['global_start_time'], 'global_start_time', 'Timeline');
  const rate = timelineRate(ctx, start, obj, md);
  const stackObj = obj['tracks'];
  let tracks: Track[] = [];
  let markers: Marker[] = [];
  let stackStash: Record<string, JsonValue> | undefined;
  if (isObj(stackObj)) {
    const s = schemaOf(ctx, stackObj);
    if (s?.name !== 'Stack') report(ctx, stackObj, 'OTIO_FIELD_INVALID', { schema: 'Timeline', field: 'tracks', reason: `is a ${str(stackObj['OTIO_SCHEMA']) || 'plain object'}, not a Stack; its children were read as tracks` });
    tracks = readStackChildren(ctx, stackObj['children'], rate, 'video', str(stackObj['name']));
    markers = readMarkers(ctx, stackObj['markers']);
    const left = leftovers(stackObj, ['children', 'markers']);
    if (left && left['name'] === 'tracks') delete left['name'];
    stackStash = left && Object.keys(left).length ? left : undefined;
  } else {
    report(ctx, obj, 'OTIO_FIELD_INVALID', { schema: 'Timeline', field: 'tracks', reason: 'is missing; the timeline has no tracks' });
  }
  const startFrames = start ? (rescaledExactly(start, rate) ?? rescaledTo(start, rate, 'round')) : 0;
  const fields = leftovers(obj, ['metadata', 'name', 'global_start_time', 'tracks']);
  return {
    kind: 'timeline',
    name: str(obj['name']),
    rate,
    globalStart: rt(startFrames, rate),
    tracks: orderedTracks(ctx, tracks, obj),
    markers,
    metadata: withStash(liftTimelineMetadata(md), { fields, stack: stackStash }),
  };
}

/** A timeline around a single Clip, Gap, Track or Stack (AYON and Hiero write those). */
function wrappedTimeline(ctx: Ctx, obj: JsonObject, schema: string): Timeline | undefined {
  report(ctx, obj, 'OTIO_TOP_LEVEL_WRAPPED', { schema });
  const rate = timelineRate(ctx, undefined, { tracks: [obj] }, {}, obj);
  const name = str(obj['name']);
  let tracks: Track[];
  if (schema === 'Track') tracks = [readTrack(ctx, obj, rate)];
  else if (schema === 'Stack') tracks = readStackChildren(ctx, obj['children'], rate, 'video', name);
  else {
    const item = readItem(ctx, obj, rate, 'video');
    tracks = item ? [{ kind: 'track', name: '', trackKind: 'video', children: [item], enabled: true, markers: [], metadata: {} }] : [];
  }
  return { kind: 'timeline', name, rate, globalStart: rt(0, rate), tracks: orderedTracks(ctx, tracks, obj), markers: [], metadata: {} };
}

function collectTimelines(ctx: Ctx, obj: JsonObject, out: Timeline[], depth: number): void {
  const s = schemaOf(ctx, obj);
  if (s?.name === 'Timeline') {
    out.push(readTimeline(ctx, obj));
    return;
  }
  if (s?.name === 'SerializableCollection' && depth < 64) {
    const children = obj['children'];
    if (Array.isArray(children)) for (const c of children) if (isObj(c)) collectTimelines(ctx, c, out, depth + 1);
  }
}

function makeCtx(text: string, options: ReadOptions): { ctx: Ctx; root: JsonValue | undefined } {
  const parsed = readOtioJson(text, options.file);
  const ctx: Ctx = { findings: [...parsed.findings], file: options.file, positionOf: parsed.positionOf, snapped: new Set(), options };
  return { ctx, root: parsed.value };
}

/** Every timeline in the file: one for a Timeline, all of them (depth first) for a SerializableCollection. */
export function readOtioTimelines(text: string, options: ReadOptions = {}): ReadResult<Timeline[]> {
  const { ctx, root } = makeCtx(text, options);
  if (!isObj(root)) {
    if (root !== undefined) report(ctx, undefined, 'OTIO_SCHEMA_UNKNOWN', { schema: '(none)', kept: 'the document is not a JSON object, so nothing was read' });
    return { value: undefined, findings: ctx.findings };
  }
  const s = schemaOf(ctx, root);
  if (s && ['Clip', 'Track', 'Stack', 'Gap'].includes(s.name)) {
    const tl = wrappedTimeline(ctx, root, s.name);
    return { value: tl ? [tl] : undefined, findings: ctx.findings };
  }
  const out: Timeline[] = [];
  collectTimelines(ctx, root, out, 0);
  if (out.length === 0) {
    report(ctx, root, 'OTIO_SCHEMA_UNKNOWN', { schema: str(root['OTIO_SCHEMA']) || '(none)', kept: 'the document holds no Timeline, so nothing was read' });
    return { value: undefined, findings: ctx.findings };
  }
  return { value: out, findings: ctx.findings };
}

/**
 * One timeline from OTIO JSON. A SerializableCollection gives its first timeline, with an
 * info finding that names the others (use readOtioTimelines for all of them).
 */
export function readOtio(text: string, options: ReadOptions = {}): ReadResult<Timeline> {
  const all = readOtioTimelines(text, options);
  const list = all.value;
  if (!list || list.length === 0) return { value: undefined, findings: all.findings };
  const findings = [...all.findings];
  if (list.length > 1) {
    findings.push(
      finding(
        'OTIO_COLLECTION_TIMELINES',
        { count: list.length, names: list.map((t) => `"${t.name}"`).join(', '), picked: `the first, "${list[0]!.name}", was read` },
        { where: options.file !== undefined ? { file: options.file } : {} },
      ),
    );
  }
  return { value: list[0], findings };
}
