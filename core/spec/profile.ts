import { z } from 'zod';
import { ACCEPTED_RATE_SPELLINGS, err, ok, parseFrameRate, type Result } from '../time/index.ts';

/**
 * The delivery-profile schema (`picturelock.profile/1`). A profile is data: identity, the
 * edition and source of the spec it restates, an optional parent (`extends`), and rules per
 * area. Every list of values is a set of alternatives (a file passes when its value is one of
 * them). Rates are exact fractions or the spellings `parseFrameRate` accepts ("24000/1001",
 * "25", "29.97df"); durations are `{ frames }` or `{ seconds }`; timecodes are labels.
 *
 * `provenance` maps a JSON Pointer into the profile to `[sourceKey, confidence]`; a pointer
 * covers everything below it. Confidence `U` (unconfirmed) turns the rules it covers into
 * warnings: a value nobody has read in the owner's document must not fail a delivery.
 */

export const SPEC_PROFILE_SCHEMA = 'picturelock.profile/1';

export const SPEC_CONTAINERS = ['mov', 'mp4', 'mxf', 'wav', 'mpegts', 'matroska', 'webm', 'mpeg', '3gp', 'avi', 'aiff'] as const;
export const SPEC_VIDEO_CODECS = ['prores', 'h264', 'hevc', 'dnxhd', 'jpeg2000', 'mpeg2video', 'av1', 'vp9', 'ffv1', 'v210', 'rawvideo', 'dvvideo', 'cfhd'] as const;
/**
 * Codec profiles by codec, in our spelling (lower case, no spaces or colons). ffprobe's names
 * map onto these in `specVideoProfileOf` (ProRes `HQ` -> `422hq`, H.264 `High 4:2:2 Intra` ->
 * `high422intra`, DNxHR `DNXHR HQX` -> `dnxhr-hqx`).
 */
export const SPEC_VIDEO_PROFILES: Readonly<Record<(typeof SPEC_VIDEO_CODECS)[number], readonly string[]>> = {
  prores: ['422proxy', '422lt', '422', '422hq', '4444', '4444xq'],
  h264: ['baseline', 'constrained-baseline', 'main', 'high', 'high10', 'high10intra', 'high422', 'high422intra', 'high444', 'high444intra'],
  hevc: ['main', 'main10', 'main-still-picture', 'rext'],
  dnxhd: ['dnxhd', 'dnxhr-lb', 'dnxhr-sq', 'dnxhr-hq', 'dnxhr-hqx', 'dnxhr-444'],
  jpeg2000: [],
  mpeg2video: ['simple', 'main', '422', 'high'],
  av1: ['main', 'high', 'professional'],
  vp9: ['profile-0', 'profile-1', 'profile-2', 'profile-3'],
  ffv1: [],
  v210: [],
  rawvideo: [],
  dvvideo: [],
  cfhd: [],
};
export const SPEC_SCANS = ['progressive', 'interlaced'] as const;
export const SPEC_FIELD_ORDERS = ['tff', 'bff'] as const;
export const SPEC_CHROMAS = ['4:2:0', '4:2:2', '4:4:4', '4:4:4:4', '4:2:2:4', '4:0:0'] as const;
/** ITU-T H.273 code point names as ffprobe prints them (delivery-profiles.md §0.1). */
export const SPEC_PRIMARIES = ['bt709', 'bt470m', 'bt470bg', 'smpte170m', 'smpte240m', 'film', 'bt2020', 'smpte428', 'smpte431', 'smpte432', 'jedec-p22'] as const;
export const SPEC_TRANSFERS = [
  'bt709', 'gamma22', 'gamma28', 'smpte170m', 'smpte240m', 'linear', 'log100', 'log316', 'iec61966-2-4', 'bt1361e',
  'iec61966-2-1', 'bt2020-10', 'bt2020-12', 'smpte2084', 'smpte428', 'arib-std-b67',
] as const;
export const SPEC_MATRICES = ['gbr', 'bt709', 'fcc', 'bt470bg', 'smpte170m', 'smpte240m', 'ycgco', 'bt2020nc', 'bt2020c', 'smpte2085', 'chroma-derived-nc', 'chroma-derived-c', 'ictcp'] as const;
export const SPEC_RANGES = ['limited', 'full'] as const;
/** Audio codec families: every `pcm_*` flavour is `pcm` (bit depth is its own rule). */
export const SPEC_AUDIO_CODECS = ['pcm', 'aac', 'ac3', 'eac3', 'mp3', 'opus', 'flac', 'mp2', 'dolby-e'] as const;
export const SPEC_CHANNEL_LABELS = ['L', 'R', 'C', 'LFE', 'Ls', 'Rs', 'Lss', 'Rss', 'Lrs', 'Rrs', 'Lt', 'Rt', 'M', 'Lc', 'Rc', 'Cs', 'Ltf', 'Rtf', 'Ltr', 'Rtr'] as const;
export const SPEC_CAPTION_FORMATS = ['scc', 'srt', 'webvtt', 'ttml', 'dfxp', 'imsc1', 'imsc1.1', 'smpte-tt', 'itt', 'ebu-stl', 'ebu-tt-d', 'mcc'] as const;
export const SPEC_CHECKSUMS = ['xxh64', 'xxh3', 'xxh128', 'md5', 'sha1', 'sha256', 'mhl'] as const;
export const SPEC_KINDS = ['master', 'mezzanine', 'upload', 'broadcast', 'cinema', 'loudness-only', 'social'] as const;
export const SPEC_LOUDNESS_METHODS = ['program-gated', 'dialogue-gated'] as const;

const timecodeLabel = z.string().regex(/^\d{2}:\d{2}:\d{2}[:;.]\d{2}$/, { message: 'a timecode label HH:MM:SS:FF (";" before frames for drop-frame)' });

const rateText = z.string().superRefine((text, ctx) => {
  const parsed = parseFrameRate(text);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: `"${text}" is not a frame rate; accepted: ${ACCEPTED_RATE_SPELLINGS}` });
});

/** A duration in frames (at the media's rate) or seconds (decimal; converted exactly). */
export const specDurationSchema = z.union([
  z.object({ frames: z.number().int().nonnegative() }).strict(),
  z.object({ seconds: z.number().nonnegative() }).strict(),
]);

const codecSchema = z
  .object({
    name: z.enum(SPEC_VIDEO_CODECS),
    profile: z.array(z.string()).optional(),
    fourcc: z.array(z.string().length(4)).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    const accepted = SPEC_VIDEO_PROFILES[c.name];
    c.profile?.forEach((p, i) => {
      if (!accepted.includes(p)) {
        ctx.addIssue({
          code: 'custom',
          path: ['profile', i],
          message: accepted.length === 0 ? `${c.name} has no profiles to choose from; remove "profile"` : `"${p}" is not a ${c.name} profile; accepted: ${accepted.join(', ')}`,
        });
      }
    });
  });

const rasterSchema = z
  .object({
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    minWidth: z.number().int().positive().optional(),
    minHeight: z.number().int().positive().optional(),
    maxWidth: z.number().int().positive().optional(),
    maxHeight: z.number().int().positive().optional(),
    name: z.string().optional(),
  })
  .strict();

const loudnessEntrySchema = z
  .object({
    id: z.string().min(1),
    method: z.enum(SPEC_LOUDNESS_METHODS),
    standard: z.string().min(1),
    /** LUFS (= LKFS). */
    target: z.number().min(-70).max(0),
    /** LU either side of the target. */
    tolerance: z.object({ minus: z.number().nonnegative(), plus: z.number().nonnegative() }).strict(),
    /** dBTP. */
    truePeakMax: z.number().max(6).optional(),
    /** LU. */
    lraMax: z.number().positive().optional(),
    /** LUFS, 3 s window (EBU R 128 s1). */
    shortTermMax: z.number().optional(),
    /** LUFS, momentary: 400 ms window (EBU R 128 s1). */
    momentaryMax: z.number().optional(),
    note: z.string().optional(),
  })
  .strict();

const ruleValue = z.union([z.string(), z.number(), z.boolean()]);

/** Fields a custom rule may test (see `SpecFacts`). */
export const SPEC_FIELDS = [
  'container.format', 'file.size', 'file.name', 'duration',
  'video.codec', 'video.profile', 'video.fourcc', 'video.width', 'video.height', 'video.dar', 'video.rate', 'video.vfr',
  'video.scan', 'video.fieldOrder', 'video.bitDepth', 'video.chroma', 'video.primaries', 'video.transfer', 'video.matrix', 'video.range',
  'audio.codec', 'audio.sampleRate', 'audio.bitDepth', 'audio.channels', 'audio.channelsPerStream', 'audio.streams',
  'loudness.integrated', 'loudness.truePeak', 'loudness.lra', 'loudness.shortTermMax', 'loudness.momentaryMax',
  'timecode.start', 'timecode.dropFrame', 'captions.embedded',
] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

/** A custom rule: `{ name, field, op, value }`. `in` takes a list; `min`/`max` a number. */
export const specCustomRuleSchema = z
  .object({
    name: z.string().min(1),
    field: z.enum(SPEC_FIELDS),
    op: z.enum(['eq', 'in', 'min', 'max']),
    value: z.union([ruleValue, z.array(ruleValue)]),
    severity: z.enum(['error', 'warning', 'info']).optional(),
  })
  .strict();
export type SpecCustomRule = z.infer<typeof specCustomRuleSchema>;
export type SpecCustomGroup = { readonly all: readonly SpecCustomNode[] } | { readonly any: readonly SpecCustomNode[] };
export type SpecCustomNode = SpecCustomRule | SpecCustomGroup;
export const specCustomNodeSchema: z.ZodType<SpecCustomNode> = z.lazy(() =>
  z.union([specCustomRuleSchema, z.object({ all: z.array(specCustomNodeSchema) }).strict(), z.object({ any: z.array(specCustomNodeSchema) }).strict()]),
);

export const deliveryProfileSchema = z
  .object({
    $schema: z.literal(SPEC_PROFILE_SCHEMA).optional(),
    /** Stable dotted id (`netflix.prores.kmrb`). */
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$/, { message: 'a dotted lower-case id such as "netflix.prores.kmrb"' }),
    name: z.string().min(1),
    owner: z.string().min(1),
    kind: z.enum(SPEC_KINDS),
    /** The revision of the owner's document this restates (contracts name one). */
    edition: z.string().min(1),
    /** Where the facts come from: the document's title, address and when it was read. */
    source: z.object({ title: z.string().min(1), url: z.string().optional(), retrieved: z.string().optional() }).strict(),
    /** Parent profile id; this profile's values replace the parent's field by field. */
    extends: z.string().optional(),
    description: z.string().optional(),
    container: z
      .object({
        format: z.array(z.enum(SPEC_CONTAINERS)).min(1).optional(),
        maxFileBytes: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    duration: z.object({ min: specDurationSchema.optional(), max: specDurationSchema.optional() }).strict().optional(),
    video: z
      .object({
        codec: z.array(codecSchema).min(1).optional(),
        raster: z.array(rasterSchema).min(1).optional(),
        /** Display aspect ratios: "16:9", "9:16" or decimal "1.85" (meaning 1.85:1, to 2 decimals). */
        dar: z.array(z.string().regex(/^(\d+:\d+|\d+(\.\d+)?)$/, { message: 'an aspect ratio such as "16:9" or "1.85"' })).min(1).optional(),
        frameRate: z.object({ allowed: z.array(rateText).min(1).optional(), vfr: z.boolean().optional() }).strict().optional(),
        scan: z.array(z.enum(SPEC_SCANS)).min(1).optional(),
        fieldOrder: z.array(z.enum(SPEC_FIELD_ORDERS)).min(1).optional(),
        bitDepth: z.array(z.number().int().min(8).max(16)).min(1).optional(),
        chroma: z.array(z.enum(SPEC_CHROMAS)).min(1).optional(),
        colour: z
          .object({
            primaries: z.array(z.enum(SPEC_PRIMARIES)).min(1).optional(),
            transfer: z.array(z.enum(SPEC_TRANSFERS)).min(1).optional(),
            matrix: z.array(z.enum(SPEC_MATRICES)).min(1).optional(),
            range: z.enum(SPEC_RANGES).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
    audio: z
      .object({
        codec: z.array(z.enum(SPEC_AUDIO_CODECS)).min(1).optional(),
        sampleRate: z.array(z.number().int().positive()).min(1).optional(),
        bitDepth: z.array(z.number().int().positive()).min(1).optional(),
        /** Allowed total channel counts over all audio streams. */
        channels: z.array(z.number().int().positive()).min(1).optional(),
        channelsPerStream: z.number().int().positive().optional(),
        layouts: z.array(z.object({ name: z.string(), channels: z.number().int().positive(), order: z.array(z.enum(SPEC_CHANNEL_LABELS)).optional() }).strict()).min(1).optional(),
        /** Largest allowed difference between audio and video duration. */
        avDurationTolerance: specDurationSchema.optional(),
      })
      .strict()
      .optional(),
    loudness: z.object({ combine: z.enum(['all', 'any']), entries: z.array(loudnessEntrySchema).min(1) }).strict().optional(),
    timecode: z
      .object({
        /** First frame of programme. */
        start: timecodeLabel.optional(),
        dropFrame: z.enum(['df', 'ndf', 'any']).optional(),
      })
      .strict()
      .optional(),
    structure: z
      .object({
        leader: z.enum(['none', 'bars-tone-slate']).optional(),
        headBlackMax: specDurationSchema.optional(),
        tailBlackMax: specDurationSchema.optional(),
      })
      .strict()
      .optional(),
    captions: z
      .object({
        embedded: z.enum(['required', 'forbidden', 'allowed']).optional(),
        sidecar: z.array(z.enum(SPEC_CAPTION_FORMATS)).min(1).optional(),
        /** A caption rules profile id of the captions module (`netflix-en`; see `picturelock captions check --help`). */
        rulesProfile: z.string().optional(),
      })
      .strict()
      .optional(),
    naming: z
      .object({
        /** A regular-expression character class every character of the file name must match (`[A-Za-z0-9._-]`). */
        charset: z.string().optional(),
        /** A regular expression the whole file name must match. */
        pattern: z.string().optional(),
        /** A naming convention id of the naming module (`dcnc`). */
        convention: z.string().optional(),
      })
      .strict()
      .optional(),
    sidecars: z.array(z.object({ name: z.string(), extensions: z.array(z.string().regex(/^\.[A-Za-z0-9.]+$/)).min(1), required: z.boolean() }).strict()).optional(),
    checksum: z.object({ algorithms: z.array(z.enum(SPEC_CHECKSUMS)).min(1) }).strict().optional(),
    /** Content-QC detection settings; defaults are ffmpeg's (loudness-qc.md §5). */
    qc: z
      .object({
        blackMin: specDurationSchema.optional(),
        /** Fraction of the luma range below which a pixel counts as black (ffmpeg pix_th). */
        blackPixelThreshold: z.number().min(0).max(1).optional(),
        freezeMin: specDurationSchema.optional(),
        /** dB; e.g. -60. */
        freezeNoiseDb: z.number().max(0).optional(),
        silenceMin: specDurationSchema.optional(),
        /** dBFS; e.g. -60. */
        silenceNoiseDb: z.number().max(0).optional(),
        /** Fraction of pixels out of broadcast range above which a frame is flagged (signalstats BRNG). */
        levelsMaxFraction: z.number().min(0).max(1).optional(),
      })
      .strict()
      .optional(),
    rules: specCustomNodeSchema.optional(),
    sources: z.record(z.string(), z.object({ title: z.string(), url: z.string().nullable().optional(), tier: z.enum(['primary', 'secondary']).optional() }).strict()).optional(),
    provenance: z.record(z.string().regex(/^(\/[^/]*)+$/), z.tuple([z.string(), z.enum(['P', 'S', 'U'])])).optional(),
  })
  .strict();

export type DeliveryProfile = z.infer<typeof deliveryProfileSchema>;
export type SpecDuration = z.infer<typeof specDurationSchema>;
export type SpecLoudnessEntry = z.infer<typeof loudnessEntrySchema>;
export type SpecConfidence = 'P' | 'S' | 'U';

/** One problem in a profile: the field (dotted path) and what is accepted there. */
export interface SpecProfileIssue {
  readonly field: string;
  readonly message: string;
}

/** The schema node at `path` (through objects, arrays, optionals, unions, lazies), for naming accepted keys. */
function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let node: z.ZodType | undefined = schema;
  for (const key of path) {
    node = unwrapped(node);
    if (!node) return undefined;
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[String(key)];
    else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else if (node instanceof z.ZodUnion) {
      const options = (node.options as z.ZodType[]).map(unwrapped).filter((o): o is z.ZodObject => o instanceof z.ZodObject);
      node = options.map((o) => (o.shape as Record<string, z.ZodType>)[String(key)]).find((x) => x !== undefined);
    } else return undefined;
  }
  return unwrapped(node);
}

function unwrapped(node: z.ZodType | undefined): z.ZodType | undefined {
  let n = node;
  for (let i = 0; i < 8 && n; i++) {
    if (n instanceof z.ZodOptional || n instanceof z.ZodNullable) n = n.unwrap() as z.ZodType;
    else if (n instanceof z.ZodLazy) n = n.unwrap() as z.ZodType;
    else if (n instanceof z.ZodPipe) n = n.in as z.ZodType;
    else break;
  }
  return n;
}

function acceptedKeys(node: z.ZodType | undefined): string[] {
  if (node instanceof z.ZodObject) return Object.keys(node.shape as object);
  if (node instanceof z.ZodUnion) {
    return [...new Set((node.options as z.ZodType[]).flatMap((o) => acceptedKeys(unwrapped(o))))];
  }
  return [];
}

/** Levenshtein distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function didYouMean(word: string, options: readonly string[]): string {
  const best = options.map((o) => ({ o, d: distance(word.toLowerCase(), o.toLowerCase()) })).sort((x, y) => x.d - y.d)[0];
  return best && best.d <= Math.max(2, Math.floor(word.length / 3)) ? ` (did you mean "${best.o}"?)` : '';
}

function fieldName(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out === '' ? '(profile)' : out;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = data;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/** Turns zod issues into field-named messages; a union failure reports its closest branch. */
function collectIssues(data: unknown, zodIssues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[], issues: SpecProfileIssue[]): void {
  for (const issue of zodIssues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      const keys = acceptedKeys(schemaAt(deliveryProfileSchema, path));
      for (const key of issue.keys) {
        issues.push({ field: fieldName([...path, key]), message: `unknown field "${key}"${didYouMean(key, keys)}; accepted fields here: ${keys.join(', ')}` });
      }
    } else if (issue.code === 'invalid_value') {
      const accepted = issue.values.map(String);
      const found = valueAt(data, path);
      const shown = typeof found === 'string' ? found : JSON.stringify(found);
      issues.push({ field: fieldName(path), message: `"${shown}" is not accepted${typeof found === 'string' ? didYouMean(found, accepted) : ''}; accepted values: ${accepted.join(', ')}` });
    } else if (issue.code === 'invalid_union') {
      // The branch that got furthest (deepest issue path, then fewest issues) is what the author meant.
      const depth = (b: readonly z.core.$ZodIssue[]) => Math.max(...b.map((i) => i.path.length));
      const best = [...issue.errors].filter((b) => b.length > 0).sort((a, b) => depth(b) - depth(a) || a.length - b.length)[0];
      if (best && depth(best) > 0) collectIssues(data, best, path, issues);
      else {
        const keys = acceptedKeys(schemaAt(deliveryProfileSchema, path));
        issues.push({ field: fieldName(path), message: `${JSON.stringify(valueAt(data, path))} does not fit here${keys.length ? `; accepted forms use the fields ${keys.join(', ')}` : ''}` });
      }
    } else if (issue.code === 'invalid_type') {
      const found = valueAt(data, path);
      issues.push({ field: fieldName(path), message: found === undefined ? `required field is missing (expected ${issue.expected})` : `expected ${issue.expected}, found ${JSON.stringify(found)}` });
    } else {
      issues.push({ field: fieldName(path), message: issue.message });
    }
  }
}

/**
 * Validates a profile as read from JSON. Never throws: the error lists every problem with
 * the field's dotted path, what was found, and the accepted values or keys (with a
 * "did you mean" for near misses).
 */
export function parseDeliveryProfile(data: unknown): Result<DeliveryProfile, SpecProfileIssue[]> {
  const parsed = deliveryProfileSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);
  const issues: SpecProfileIssue[] = [];
  collectIssues(data, parsed.error.issues, [], issues);
  return err(issues);
}

/** Parses profile JSON text; a syntax error is one issue naming the position. */
export function parseDeliveryProfileText(text: string): Result<DeliveryProfile, SpecProfileIssue[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return err([{ field: '(file)', message: `not valid JSON: ${(e as Error).message}` }]);
  }
  return parseDeliveryProfile(data);
}

/** The confidence that covers `pointer`: the longest provenance pointer that is it or a parent of it. */
export function specConfidenceAt(profile: DeliveryProfile, pointer: string): { confidence: SpecConfidence; source: string } | undefined {
  let best: { len: number; confidence: SpecConfidence; source: string } | undefined;
  for (const [key, [source, confidence]] of Object.entries(profile.provenance ?? {})) {
    if ((pointer === key || pointer.startsWith(`${key}/`)) && (!best || key.length > best.len)) best = { len: key.length, confidence, source };
  }
  return best && { confidence: best.confidence, source: best.source };
}
