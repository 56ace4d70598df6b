import { finding, type Finding } from '../../findings/index.ts';
import type { RationalTime, TimeRange } from '../../time/index.ts';
import type { Clip, Effect, Gap, Marker, MediaReference, Metadata, Stack, Timeline, Track, TrackItem, Transition } from '../../timeline/index.ts';
import type { WriteResult } from '../types.ts';
import { JsonFloat, writeOtioJson, type JsonOut, type JsonValue } from './json.ts';
import { OTIO_META, type OtioStash } from './meta.ts';

/**
 * The timeline model as OpenTimelineIO JSON, with the schema versions OTIO 0.15 to 0.17
 * write (Clip.2, Marker.2, every other schema .1), so every OTIO release since 0.15 reads it.
 * Rates and values are written as doubles like OTIO writes them (`24.0`, 24000/1001 as
 * 23.976023976023978); `global_start_time` is always written because it is where the
 * timeline's rate lives. See read.ts for the metadata mapping this mirrors. The model's
 * `dissolve` and `wipe` transitions are written as OTIO's `SMPTE_Dissolve` / `SMPTE_Wipe`.
 */

type Out = { [key: string]: JsonOut | undefined };

interface Ctx {
  readonly findings: Finding[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function time(t: RationalTime): Out {
  return { OTIO_SCHEMA: 'RationalTime.1', rate: new JsonFloat(t.rate.num / t.rate.den), value: new JsonFloat(t.value) };
}

function timeRange(r: TimeRange | undefined): Out | null {
  if (!r) return null;
  return { OTIO_SCHEMA: 'TimeRange.1', duration: time(r.duration), start_time: time(r.start) };
}

/** A metadata value as JSON: non-finite numbers kept (with a finding), unwritable values become null. */
function jsonOf(ctx: Ctx, v: unknown, path: string, seen: Set<object>): JsonOut {
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'bigint') return v;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) ctx.findings.push(finding('OTIO_NONSTANDARD_NUMBER_WRITTEN', { path, token: Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity' }));
    return v;
  }
  if (typeof v === 'object') {
    if (seen.has(v)) {
      ctx.findings.push(finding('OTIO_VALUE_NOT_WRITABLE', { path, type: 'reference to itself' }));
      return null;
    }
    seen.add(v);
    let out: JsonOut;
    if (Array.isArray(v)) out = v.map((item, k) => jsonOf(ctx, item === undefined ? null : item, `${path}[${k}]`, seen));
    else {
      const o: Out = {};
      for (const [k, item] of Object.entries(v)) if (item !== undefined) o[k] = jsonOf(ctx, item, `${path}.${k}`, seen);
      out = o;
    }
    seen.delete(v);
    return out;
  }
  ctx.findings.push(finding('OTIO_VALUE_NOT_WRITABLE', { path, type: typeof v }));
  return null;
}

/** The model's metadata split into what OTIO gets as metadata and the OTIO stash the reader left. */
function split(metadata: Metadata | undefined): { rest: Record<string, unknown>; stash: OtioStash } {
  const rest: Record<string, unknown> = { ...(metadata ?? {}) };
  const pl = rest[OTIO_META.key];
  let stash: OtioStash = {};
  if (isRecord(pl) && isRecord(pl['otio'])) {
    stash = pl['otio'] as OtioStash;
    const p = { ...pl };
    delete p['otio'];
    if (Object.keys(p).length) rest[OTIO_META.key] = p;
    else delete rest[OTIO_META.key];
  }
  return { rest, stash };
}

function meta(ctx: Ctx, rest: Record<string, unknown>, path: string): JsonOut {
  return jsonOf(ctx, rest, path, new Set());
}

/** Sets the kept fields the model does not hold (the reader keeps only fields it did not map, so they never clash). */
function withFields(out: Out, stash: OtioStash): Out {
  return stash.fields ? { ...out, ...(stash.fields as Out) } : out;
}

function markerOut(ctx: Ctx, m: Marker, path: string): Out {
  const { rest, stash } = split(m.metadata);
  return withFields(
    {
      OTIO_SCHEMA: 'Marker.2',
      metadata: meta(ctx, rest, `${path}.metadata`),
      name: m.name,
      color: m.color.toUpperCase(),
      marked_range: timeRange(m.markedRange),
      comment: m.note ?? '',
    },
    stash,
  );
}

function effectOut(ctx: Ctx, e: Effect, path: string): JsonOut {
  const { rest, stash } = split(e.metadata);
  if (stash.raw !== undefined) return stash.raw as JsonValue;
  const md = meta(ctx, rest, `${path}.metadata`);
  if (e.kind === 'linearTimeWarp') {
    return withFields({ OTIO_SCHEMA: 'LinearTimeWarp.1', metadata: md, name: e.name, effect_name: 'LinearTimeWarp', time_scalar: new JsonFloat(e.timeScalar.num / e.timeScalar.den) }, stash);
  }
  if (e.kind === 'freezeFrame') {
    return withFields({ OTIO_SCHEMA: 'FreezeFrame.1', metadata: md, name: e.name, effect_name: 'FreezeFrame', time_scalar: new JsonFloat(0) }, stash);
  }
  return withFields({ OTIO_SCHEMA: 'Effect.1', metadata: md, name: e.name, effect_name: e.effectName }, stash);
}

function mediaOut(ctx: Ctx, m: MediaReference, path: string): JsonOut {
  const { rest, stash } = split(m.metadata);
  if (stash.raw !== undefined) return stash.raw as JsonValue;
  const base: Out = {
    metadata: meta(ctx, rest, `${path}.metadata`),
    name: m.name ?? '',
    available_range: timeRange(m.availableRange),
    available_image_bounds: null,
  };
  if (stash.schema === 'ImageSequenceReference.1' && stash.fields) {
    // The frame pattern fields were kept as read; the model's url is only their display form.
    return withFields({ OTIO_SCHEMA: 'ImageSequenceReference.1', ...base }, stash);
  }
  if (m.kind === 'external') return withFields({ OTIO_SCHEMA: 'ExternalReference.1', ...base, target_url: m.url }, stash);
  if (m.kind === 'generator') {
    return withFields({ OTIO_SCHEMA: 'GeneratorReference.1', ...base, generator_kind: m.generatorKind, parameters: jsonOf(ctx, m.parameters ?? {}, `${path}.parameters`, new Set()) }, stash);
  }
  return withFields({ OTIO_SCHEMA: 'MissingReference.1', ...base }, stash);
}

function clipOut(ctx: Ctx, c: Clip, path: string): Out {
  const { rest, stash } = split(c.metadata);
  const md: Record<string, unknown> = { ...rest };
  if (c.reel !== undefined) md[OTIO_META.cmxKey] = { ...(isRecord(md[OTIO_META.cmxKey]) ? (md[OTIO_META.cmxKey] as Record<string, unknown>) : {}), reel: c.reel };
  if (c.sourceFile !== undefined) md[OTIO_META.key] = { ...(isRecord(md[OTIO_META.key]) ? (md[OTIO_META.key] as Record<string, unknown>) : {}), sourceFile: c.sourceFile };
  const key = stash.activeKey ?? 'DEFAULT_MEDIA';
  const refs: Out = { ...((stash.otherMedia ?? {}) as Out), [key]: mediaOut(ctx, c.media, `${path}.media`) };
  return withFields(
    {
      OTIO_SCHEMA: 'Clip.2',
      metadata: meta(ctx, md, `${path}.metadata`),
      name: c.name,
      source_range: timeRange(c.sourceRange),
      effects: c.effects.map((e, k) => effectOut(ctx, e, `${path}.effects[${k}]`)),
      markers: c.markers.map((m, k) => markerOut(ctx, m, `${path}.markers[${k}]`)),
      enabled: c.enabled,
      media_references: refs,
      active_media_reference_key: key,
    },
    stash,
  );
}

function gapOut(ctx: Ctx, g: Gap, path: string): JsonOut {
  const { rest, stash } = split(g.metadata);
  if (stash.raw !== undefined) return stash.raw as JsonValue;
  return withFields(
    {
      OTIO_SCHEMA: 'Gap.1',
      metadata: meta(ctx, rest, `${path}.metadata`),
      name: g.name,
      source_range: timeRange(g.sourceRange),
      effects: [],
      markers: g.markers.map((m, k) => markerOut(ctx, m, `${path}.markers[${k}]`)),
      enabled: true,
    },
    stash,
  );
}

const TRANSITION_TYPES: Record<string, string> = { dissolve: 'SMPTE_Dissolve', wipe: 'SMPTE_Wipe' };

function transitionOut(ctx: Ctx, t: Transition, path: string): Out {
  const { rest, stash } = split(t.metadata);
  return withFields(
    {
      OTIO_SCHEMA: 'Transition.1',
      metadata: meta(ctx, rest, `${path}.metadata`),
      name: t.name,
      in_offset: time(t.inOffset),
      out_offset: time(t.outOffset),
      transition_type: TRANSITION_TYPES[t.transitionType] ?? t.transitionType,
      parameters: {},
    },
    stash,
  );
}

function stackOut(ctx: Ctx, s: Stack, path: string): JsonOut {
  const { rest, stash } = split(s.metadata);
  const common: Out = {
    metadata: meta(ctx, rest, `${path}.metadata`),
    name: s.name,
    source_range: timeRange(s.sourceRange),
    effects: s.effects.map((e, k) => effectOut(ctx, e, `${path}.effects[${k}]`)),
    markers: s.markers.map((m, k) => markerOut(ctx, m, `${path}.markers[${k}]`)),
    enabled: s.enabled,
  };
  const only = s.children[0];
  if (stash.schema === 'Track.1' && s.children.length === 1 && only) {
    // A Track that sat inside a track: written back as that Track.
    return withFields(
      { OTIO_SCHEMA: 'Track.1', ...common, children: only.children.map((c, k) => itemOut(ctx, c, `${path}.children[${k}]`)), kind: only.trackKind === 'audio' ? 'Audio' : 'Video' },
      stash,
    );
  }
  return withFields({ OTIO_SCHEMA: 'Stack.1', ...common, children: stackChildren(ctx, s.children, path) }, stash);
}

function itemOut(ctx: Ctx, item: TrackItem, path: string): JsonOut {
  switch (item.kind) {
    case 'clip':
      return clipOut(ctx, item, path);
    case 'gap':
      return gapOut(ctx, item, path);
    case 'transition':
      return transitionOut(ctx, item, path);
    case 'stack':
      return stackOut(ctx, item, path);
  }
}

function trackOut(ctx: Ctx, t: Track, path: string): Out {
  const { rest, stash } = split(t.metadata);
  return withFields(
    {
      OTIO_SCHEMA: 'Track.1',
      metadata: meta(ctx, rest, `${path}.metadata`),
      name: t.name,
      source_range: null,
      effects: [],
      markers: t.markers.map((m, k) => markerOut(ctx, m, `${path}.markers[${k}]`)),
      enabled: t.enabled,
      children: t.children.map((c, k) => itemOut(ctx, c, `${path}.children[${k}]`)),
      kind: t.trackKind === 'audio' ? 'Audio' : 'Video',
    },
    stash,
  );
}

/** A stack's tracks, with the one-item wrapper tracks the reader made unwrapped again. */
function stackChildren(ctx: Ctx, tracks: readonly Track[], path: string): JsonOut[] {
  return tracks.map((t, k) => {
    const { stash } = split(t.metadata);
    const only = t.children[0];
    if (stash.wrapped === true && t.children.length === 1 && only) return itemOut(ctx, only, `${path}.children[${k}]`);
    return trackOut(ctx, t, `${path}.children[${k}]`);
  });
}

/** The timeline as OTIO JSON text; findings name metadata values JSON cannot hold as they are. */
export function writeOtio(tl: Timeline): WriteResult {
  const ctx: Ctx = { findings: [] };
  const { rest, stash } = split(tl.metadata);
  const md: Record<string, unknown> = { ...rest };
  if (tl.rate.dropFrame) md[OTIO_META.key] = { ...(isRecord(md[OTIO_META.key]) ? (md[OTIO_META.key] as Record<string, unknown>) : {}), dropFrame: true };
  const stackFields = (stash.stack ?? {}) as Out;
  const tracks: Out = {
    OTIO_SCHEMA: 'Stack.1',
    metadata: {},
    name: 'tracks',
    source_range: null,
    effects: [],
    ...stackFields,
    markers: tl.markers.map((m, k) => markerOut(ctx, m, `timeline.markers[${k}]`)),
    enabled: stackFields['enabled'] ?? true,
    children: stackChildren(ctx, tl.tracks, 'timeline.tracks'),
  };
  const root = withFields(
    {
      OTIO_SCHEMA: 'Timeline.1',
      metadata: meta(ctx, md, 'timeline.metadata'),
      name: tl.name,
      global_start_time: time(tl.globalStart),
      tracks,
    },
    stash,
  );
  return { text: writeOtioJson(root), findings: ctx.findings };
}
