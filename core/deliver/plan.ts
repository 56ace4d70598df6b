import { finding, type Finding, type Waiver } from '../findings/index.ts';
import {
  checkNamingConvention,
  compileNamingTemplate,
  expandNamingTemplate,
  namingAudioLabel,
  namingRateLabel,
  namingResolutionLabel,
  type NamingConvention,
  type NamingFieldSpec,
  type NamingTemplate,
} from '../naming/index.ts';
import { parseTimecode, formatFrameRate, parseFrameRate, ratesEqual, rescaledTo, timecodeOf, type FrameRate } from '../time/index.ts';
import { timelineDuration, type Timeline } from '../timeline/index.ts';
import type { DeliveryProfile } from '../spec/index.ts';
import { deliverContentHash } from './hash.ts';
import {
  DELIVER_PLAN_SCHEMA,
  type DeliverAudioSettings,
  type DeliverCaptionWriter,
  type DeliverColour,
  type DeliverJob,
  type DeliverPlan,
  type DeliverSidecar,
  type DeliverVideoSettings,
} from './model.ts';
import { DELIVER_PRESETS, deliverLayoutOf, deliverPresetRequest, type DeliverPresetRequest } from './presets.ts';
import { DeliverSourceTable, deliverMediaSegmentsOf, deliverSegmentsOf } from './segments.ts';

/** The name every output gets when no convention or template is given. */
export const DELIVER_DEFAULT_TEMPLATE = '{title}_{element}_{res}_{fps}';

export interface DeliverPlanInput {
  /** The cut, relinked to its media (clips without media stay `missing`). */
  readonly timeline: Timeline;
  /** The file it was read from, for the report. */
  readonly timelineFile?: string;
  /** The delivery profile, with its `extends` chain already resolved. */
  readonly profile: DeliveryProfile;
  /** Extra deliverables besides the ones the profile implies (`review-h264`, `social-9x16:crop`, `stems`). */
  readonly extra?: readonly string[];
  /** A naming convention (its first template names the outputs) or a template text. */
  readonly naming?: { readonly convention?: NamingConvention; readonly template?: string };
  /** Naming field values the cut does not state (`season`, `episode`, `date`). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Record frames `[start, end)` to deliver; default the whole cut. */
  readonly range?: { readonly start: number; readonly end: number };
  /** Package folder relative to the plan file's folder; default the title. */
  readonly packageFolder?: string;
  readonly waivers?: readonly Waiver[];
  /** A caption or subtitle file to convert into the profile's sidecar formats. */
  readonly captions?: { readonly file: string };
}

export interface DeliverPlanResult {
  readonly plan: DeliverPlan;
  readonly findings: readonly Finding[];
}

/**
 * How each caption format a profile can ask for is written. The TTML family shares one
 * writer (IMSC 1.1 text profile, which TTML 1 / DFXP readers read); where a format adds its own
 * metadata on top, the plan says it was written as IMSC. EBU STL, EBU-TT-D and MCC are not
 * written.
 */
const CAPTION_TARGETS: Readonly<Record<string, { writer: DeliverCaptionWriter; extension: string; note?: string }>> = {
  srt: { writer: 'srt', extension: 'srt' },
  webvtt: { writer: 'vtt', extension: 'vtt' },
  scc: { writer: 'scc', extension: 'scc' },
  ttml: { writer: 'ttml', extension: 'ttml' },
  'imsc1.1': { writer: 'ttml', extension: 'ttml' },
  imsc1: { writer: 'ttml', extension: 'ttml', note: 'IMSC 1.1 text profile TTML' },
  dfxp: { writer: 'ttml', extension: 'dfxp', note: 'IMSC 1.1 text profile TTML (a TTML 1 document)' },
  'smpte-tt': { writer: 'ttml', extension: 'xml', note: 'IMSC 1.1 text profile TTML, without SMPTE-TT image or data extensions' },
  itt: { writer: 'ttml', extension: 'itt', note: 'IMSC 1.1 text profile TTML, without iTunes-specific metadata' },
};

/** `THE_LOCK SC42 v1` -> `THE-LOCK-SC42-v1`: a name field without separators or illegal characters. */
function fieldSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').replace(/-{2,}/g, '-') || 'UNTITLED';
}

/**
 * The first of `choices` a convention's field accepts (its allowed values, else its pattern
 * matched whole, and its length limit); the first choice when none fits or the field sets no rule.
 */
export function deliverShapedValue(spec: NamingFieldSpec | undefined, choices: readonly string[]): string {
  if (!spec) return choices[0]!;
  const fits = (v: string) =>
    (spec.allowed ? spec.allowed.includes(v) : spec.pattern ? new RegExp(`^(?:${spec.pattern})$`).test(v) : true) && (spec.maxLength === undefined || [...v].length <= spec.maxLength);
  return choices.find(fits) ?? choices[0]!;
}

/** A template that names sound files: it states the sample rate, bit depth or mix. */
function isSoundTemplate(t: NamingTemplate): boolean {
  return t.fields.some((f) => f === 'samplerate' || f === 'bitdepth' || f === 'mix');
}

/** The presets the profile itself implies: its codec as a master, mezzanine, web or social file, and stems. */
export function deliverRequestsOfProfile(p: DeliveryProfile): { requests: string[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const requests: string[] = [];
  const codec = p.video?.codec?.[0];
  const dar = p.video?.dar ?? [];
  const socialOf = () => (dar.includes('1:1') ? 'social-1x1' : dar.includes('4:5') ? 'social-4x5' : 'social-9x16');
  if (p.kind === 'social' && (!codec || codec.name === 'h264')) requests.push(socialOf());
  else if (codec) {
    const profile = codec.profile?.[0];
    if (codec.name === 'prores' && profile === '422hq') requests.push(p.kind === 'mezzanine' ? 'mezzanine' : 'prores-422hq');
    else if (codec.name === 'prores' && (profile === '4444' || profile === '4444xq')) requests.push(`prores-${profile}`);
    else if (codec.name === 'dnxhd' && (profile === 'dnxhr-hqx' || profile === 'dnxhr-444')) requests.push(profile);
    else if (codec.name === 'h264') requests.push(p.kind === 'upload' ? 'web-h264' : 'review-h264');
    else if (codec.name === 'hevc') requests.push('web-hevc');
    else findings.push(finding('DELIVER_PROFILE_CODEC_UNSUPPORTED', { profile: p.id, codec: `${codec.name}${profile ? ` ${profile}` : ''}` }));
  }
  if (p.kind !== 'social') requests.push('stems');
  return { requests, findings };
}

function timelineRaster(tl: Timeline): { width: number; height: number } | undefined {
  const m = tl.metadata['fcp7xml'] as { width?: unknown; height?: unknown } | undefined;
  return typeof m?.width === 'number' && typeof m.height === 'number' ? { width: m.width, height: m.height } : undefined;
}

/** Largest even raster with the source's aspect inside `max` (both sides even for 4:2:x). */
function fitted(r: { width: number; height: number }, maxW?: number, maxH?: number): { width: number; height: number } {
  let scale = 1;
  if (maxW !== undefined && r.width > maxW) scale = Math.min(scale, maxW / r.width);
  if (maxH !== undefined && r.height > maxH) scale = Math.min(scale, maxH / r.height);
  const even = (x: number) => Math.max(2, Math.floor(x / 2) * 2);
  return scale === 1 ? r : { width: even(r.width * scale), height: even(r.height * scale) };
}

function colourOf(p: DeliveryProfile | undefined): DeliverColour {
  const c = p?.video?.colour;
  return { primaries: c?.primaries?.[0] ?? 'bt709', transfer: c?.transfer?.[0] ?? 'bt709', matrix: c?.matrix?.[0] ?? 'bt709', range: c?.range ?? 'limited' };
}

/** The profile an output must meet as planned: container, codec, raster, rate, duration, colour, audio, timecode. */
function expectationOf(job: JobDraft): DeliveryProfile {
  const v = job.video;
  const a = job.audio;
  const frames = job.range.end - job.range.start;
  const samples = a && !v ? deliverSamplesAt(frames, job.rate, a.sampleRate) : undefined;
  const duration = { frames: samples ?? frames };
  return {
    $schema: 'picturelock.profile/1',
    id: `deliver.job.${job.id.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
    name: `${job.label} as planned`,
    owner: 'picturelock deliver plan',
    kind: job.kind === 'social' ? 'social' : job.kind === 'master' ? 'master' : job.kind === 'mezzanine' ? 'mezzanine' : 'upload',
    edition: 'as planned',
    source: { title: 'the delivery plan' },
    container: { format: [job.container] },
    duration: { min: duration, max: duration },
    ...(v
      ? {
          video: {
            codec: [{ name: v.codec, profile: [v.profile], ...(v.fourcc ? { fourcc: [v.fourcc] } : {}) }],
            raster: [{ width: v.width, height: v.height }],
            frameRate: { allowed: [`${v.rate.num}/${v.rate.den}`], vfr: false },
            bitDepth: [v.bitDepth],
            chroma: [v.chroma],
            colour: { primaries: [v.colour.primaries], transfer: [v.colour.transfer], matrix: [v.colour.matrix], range: v.colour.range },
          },
        }
      : {}),
    ...(a ? { audio: { codec: [a.codec], sampleRate: [a.sampleRate], ...(a.bitDepth ? { bitDepth: [a.bitDepth] } : {}), channels: [a.channels] } } : {}),
    ...(v && job.container === 'mov' ? { timecode: { start: job.timecode } } : {}),
  } as DeliveryProfile;
}

/** Samples of `frames` record frames at `sampleRate`, rounded half up (exact for 23.976/24/25/30 at 48 kHz). */
export function deliverSamplesAt(frames: number, r: { num: number; den: number }, sampleRate: number): number {
  const n = BigInt(frames) * BigInt(sampleRate) * BigInt(r.den);
  const d = BigInt(r.num);
  return Number((2n * n + d) / (2n * d));
}

type JobDraft = Omit<DeliverJob, 'expect' | 'fingerprint' | 'state' | 'attempts' | 'checkProfile'> & { rate: FrameRate };

/**
 * Plans a delivery: the profile's own deliverables plus the extra ones asked for, each one a
 * render job over the cut (with its settings, source segments, output name and folder, and the
 * expectation its output is checked against), and the sidecars (lists of the cut, the MHL, the
 * report). Pure: the same input gives byte-identical JSON (`deliverPlanJson`).
 */
export function deliverPlanOf(input: DeliverPlanInput): DeliverPlanResult {
  const tl = input.timeline;
  const profile = input.profile;
  const findings: Finding[] = [];
  const total = rescaledTo(timelineDuration(tl), tl.rate, 'round');
  const from = Math.max(0, input.range?.start ?? 0);
  const to = Math.min(total, input.range?.end ?? total);
  const origin = rescaledTo(tl.globalStart, tl.rate, 'round');
  const version = deliverContentHash(JSON.stringify(tl));
  const title = fieldSafe(tl.name);

  const implied = deliverRequestsOfProfile(profile);
  findings.push(...implied.findings);
  const requests: { req: DeliverPresetRequest; primary: boolean }[] = [];
  const seen = new Set<string>();
  const add = (text: string, primary: boolean) => {
    const req = deliverPresetRequest(text);
    if (!req) {
      findings.push(finding('DELIVER_PRESET_UNKNOWN', { preset: text, known: DELIVER_PRESETS.map((p) => p.id).join(', ') }));
      return;
    }
    if (seen.has(req.text)) return;
    seen.add(req.text);
    requests.push({ req, primary });
  };
  implied.requests.forEach((r, i) => add(r, i === 0 && r !== 'stems'));
  for (const r of input.extra ?? []) add(r, false);

  const allowed = profile.video?.frameRate?.allowed;
  if (allowed && !allowed.some((t) => {
    const r = parseFrameRate(t);
    return r.ok && ratesEqual(r.value, tl.rate);
  })) {
    findings.push(finding('DELIVER_PROFILE_RATE_NOT_ALLOWED', { profile: profile.id, rate: formatFrameRate(tl.rate), allowed: allowed.join(', ') }));
  }
  const audioTracks = tl.tracks.map((t, i) => ({ t, i })).filter(({ t }) => t.trackKind === 'audio' && t.enabled).map(({ i }) => i);
  if (audioTracks.length === 0) findings.push(finding('DELIVER_NO_AUDIO', { timeline: tl.name }));
  if (profile.captions?.sidecar?.length && !input.captions) findings.push(finding('DELIVER_CAPTIONS_NOT_PLANNED', { formats: profile.captions.sidecar.join(', ') }));

  let template: NamingTemplate | undefined = input.naming?.convention?.templates[0];
  const templateText = input.naming?.template ?? template?.source ?? DELIVER_DEFAULT_TEMPLATE;
  if (!template) {
    const compiled = compileNamingTemplate(templateText);
    if (compiled.ok) template = compiled.value;
    else findings.push(compiled.error);
  }
  const fallback = compileNamingTemplate(DELIVER_DEFAULT_TEMPLATE);
  const recordTc = timecodeOf(origin + from, tl.rate);
  const baseRaster = timelineRaster(tl) ?? { width: 1920, height: 1080 };
  const reel = (input.fields?.['reel'] ?? title.toUpperCase().replace(/-/g, '_')).slice(0, 32);
  const versionMatch = /v(\d+)\b/i.exec(tl.name);

  const sources = new DeliverSourceTable();
  const drafts: { draft: JobDraft; primary: boolean }[] = [];
  const missingUse = new Map<string, { event: string; clip: string; recordIn: string; jobs: Set<string> }>();
  const unsupported = new Map<string, { what: string; recordIn: string }>();

  const profileTc = profile.timecode?.start;
  requests.forEach(({ req, primary }) => {
    const p = req.preset;
    const trackSets = p.kind === 'stem' ? audioTracks.map((t) => [t]) : [p.audio ? audioTracks : []];
    for (const tracks of trackSets) {
      const index = drafts.length;
      const trackName = p.kind === 'stem' ? tl.tracks[tracks[0]!]!.name || `A${tracks[0]! - tl.tracks.filter((t) => t.trackKind === 'video').length + 1}` : undefined;
      const stemTag = trackName ? fieldSafe(trackName).toUpperCase() : undefined;
      const id = `${String(index + 1).padStart(2, '0')}-${req.text.replace(':', '-')}${stemTag ? `-${stemTag.toLowerCase()}` : ''}`;
      let video: DeliverVideoSettings | undefined;
      if (p.video) {
        const pr = primary ? profile.video?.raster?.[0] : undefined;
        const raster = p.video.raster ?? (pr?.width && pr.height ? { width: pr.width, height: pr.height } : fitted(baseRaster, pr?.maxWidth, pr?.maxHeight));
        video = {
          codec: p.video.codec,
          profile: p.video.profile,
          ...(p.video.fourcc ? { fourcc: p.video.fourcc } : {}),
          width: raster.width,
          height: raster.height,
          rate: tl.rate,
          pixelFormat: p.video.pixelFormat,
          bitDepth: p.video.bitDepth,
          chroma: p.video.chroma,
          colour: colourOf(primary ? profile : undefined),
          ...(p.video.aspect && req.fit ? { fit: { aspect: p.video.aspect, mode: req.fit } } : {}),
          ...(p.video.crf !== undefined ? { crf: p.video.crf } : {}),
        };
      }
      let audio: DeliverAudioSettings | undefined;
      if (p.audio && tracks.length > 0) {
        const pa = primary ? profile.audio : undefined;
        const sampleRate = pa?.sampleRate?.[0] ?? 48000;
        const bitDepth = p.audio.codec === 'pcm' ? (pa?.bitDepth && !pa.bitDepth.includes(24) ? pa.bitDepth[0]! : 24) : undefined;
        audio = {
          codec: p.audio.codec,
          sampleRate,
          ...(bitDepth !== undefined ? { bitDepth } : {}),
          ...(p.audio.bitRate !== undefined ? { bitRate: p.audio.bitRate } : {}),
          channels: tracks.length,
          layout: deliverLayoutOf(tracks.length),
          tracks,
        };
      }
      if (!video && !audio) continue;
      let timecode = recordTc;
      if (primary && profileTc && profileTc !== recordTc && parseTimecode(profileTc, tl.rate).ok) {
        timecode = profileTc;
        findings.push(finding('DELIVER_TIMECODE_RESTRIPED', { from: recordTc, to: profileTc, profile: profile.id }));
      }
      const segs = deliverSegmentsOf(tl, from, to, { picture: video !== undefined, audioTracks: audio ? audio.tracks : [] }, sources);
      for (const m of segs.missing) {
        const key = `${m.event}|${m.recordIn}`;
        const e = missingUse.get(key) ?? missingUse.set(key, { ...m, jobs: new Set() }).get(key)!;
        e.jobs.add(id);
      }
      for (const u of segs.unsupported) unsupported.set(`${u.what}|${u.recordIn}`, u);

      const element = stemTag ? `${p.element}-${stemTag}` : req.fit ? `${p.element}-${req.fit.toUpperCase()}` : p.element;
      const channels = audio?.channels ?? 0;
      // Each value the cut gives, in the shapes a convention may ask for; the first its field accepts is used.
      const choices: Record<string, readonly string[]> = {
        title: [title, title.toLowerCase().replace(/-/g, '_')],
        show: [title, title.toLowerCase().replace(/-/g, '_')],
        element: [element, element.replace(/-/g, '')],
        kind: [p.kind],
        codec: [video ? `${video.codec}${video.profile}`.toUpperCase().replace(/[^A-Z0-9]/g, '') : (audio?.codec ?? '').toUpperCase()],
        res: [video ? namingResolutionLabel(video.width, video.height) : 'AUDIO'],
        fps: [namingRateLabel(tl.rate)],
        audio: [namingAudioLabel(channels), `${channels}ch`],
        ...(versionMatch ? { version: [versionMatch[1]!] } : {}),
        ...(trackName ? { track: [stemTag!, stemTag!.replace(/-/g, '')] } : {}),
        ...(audio && audio.sampleRate % 1000 === 0 ? { samplerate: [`${audio.sampleRate / 1000}k`] } : {}),
        ...(audio?.bitDepth ? { bitdepth: [`${audio.bitDepth}b`] } : {}),
      };
      const convention = input.naming?.convention;
      const values: Record<string, string> = { ...Object.fromEntries(Object.entries(choices).map(([k, v]) => [k, convention ? deliverShapedValue(convention.data.fields[k], v) : v[0]!])), ...(input.fields ?? {}) };
      let name: string | undefined;
      const ext = p.container;
      if (convention) {
        // The convention's templates, a sound template first for a sound-only file; the first
        // whose name the convention's own checker accepts, else the first that could be written.
        const soundOnly = !video;
        const ordered = [...convention.templates].sort((a, b) => Number(soundOnly && !isSoundTemplate(a)) - Number(soundOnly && !isSoundTemplate(b)));
        const facts = { ...(video ? { width: video.width, height: video.height } : {}), rate: tl.rate, audioChannels: channels };
        let firstError: string | undefined;
        let written: { name: string; problems: string[] } | undefined;
        for (const t of ordered) {
          const expanded = expandNamingTemplate(t, values);
          if (!expanded.ok) {
            firstError ??= expanded.error.map((f) => f.message).join('; ');
            continue;
          }
          const full = `${expanded.value.name}.${ext}`;
          const problems = checkNamingConvention(full, convention, { facts }).findings.filter((f) => f.severity === 'error').map((f) => f.message);
          if (problems.length === 0) {
            written = { name: expanded.value.name, problems };
            break;
          }
          written ??= { name: expanded.value.name, problems };
        }
        if (written) {
          name = written.name;
          if (written.problems.length) findings.push(finding('DELIVER_NAME_OFF_CONVENTION', { job: id, name: `${written.name}.${ext}`, convention: convention.data.id, problems: written.problems.join('; ') }));
        } else findings.push(finding('DELIVER_NAMING_FAILED', { job: id, reason: firstError ?? 'no template of the convention could be written' }));
      } else if (template) {
        const expanded = expandNamingTemplate(template, values);
        if (expanded.ok) name = expanded.value.name;
        else findings.push(finding('DELIVER_NAMING_FAILED', { job: id, reason: expanded.error.map((f) => f.message).join('; ') }));
      }
      if (name === undefined && fallback.ok) {
        const expanded = expandNamingTemplate(fallback.value, values);
        if (expanded.ok) name = expanded.value.name;
      }
      const draft: JobDraft = {
        id,
        kind: p.kind,
        preset: req.text,
        label: trackName ? `${p.label} ${trackName}` : req.fit ? `${p.label}, ${req.fit}` : p.label,
        range: { start: from, end: to },
        container: p.container,
        ...(video ? { video } : {}),
        ...(audio ? { audio } : {}),
        timecode,
        reel,
        output: { folder: p.folder, name: `${name ?? id}.${p.container}` },
        segments: { video: segs.video, audio: segs.audio },
        blockers: [...new Set(segs.blockers)],
        rate: tl.rate,
      };
      drafts.push({ draft, primary });
    }
  });

  // Two jobs must never write one file.
  const byPath = new Map<string, string[]>();
  for (const { draft } of drafts) {
    const key = `${draft.output.folder}/${draft.output.name}`.toLowerCase();
    byPath.set(key, [...(byPath.get(key) ?? []), draft.id]);
  }
  for (const [path, ids] of byPath) if (ids.length > 1) findings.push(finding('DELIVER_NAME_COLLISION', { path, jobs: ids.join(', ') }));

  for (const m of missingUse.values()) findings.push(finding('DELIVER_SOURCE_MISSING', { event: m.event, clip: m.clip, recordIn: m.recordIn, jobs: m.jobs.size }, { where: { event: m.event, clip: m.clip, record: { in: m.recordIn, out: m.recordIn } } }));
  for (const u of unsupported.values()) findings.push(finding('DELIVER_EDIT_UNSUPPORTED', u, { where: { record: { in: u.recordIn, out: u.recordIn } } }));

  const planId = deliverContentHash(JSON.stringify([version, profile, templateText, requests.map((r) => r.req.text), from, to, input.fields ?? {}, input.packageFolder ?? '']));
  const jobs: DeliverJob[] = drafts.map(({ draft, primary }) => {
    const { rate: _rate, ...rest } = draft;
    const expect = expectationOf(draft);
    const used = [...new Set(deliverMediaSegmentsOf([...rest.segments.video, ...rest.segments.audio.flat()]).map((s) => sources.list[s.source]!.path))];
    const fingerprint = deliverContentHash(JSON.stringify([rest, expect, primary, used]));
    return { ...rest, expect, checkProfile: primary, fingerprint, state: 'planned', attempts: 0 };
  });

  const listBase = `lists/${title}`;
  const sidecars: DeliverSidecar[] = [
    { kind: 'edl', path: `${listBase}.edl`, state: 'planned' },
    { kind: 'fcp7xml', path: `${listBase}.xml`, state: 'planned' },
    { kind: 'otio', path: `${listBase}.otio`, state: 'planned' },
    { kind: 'report-html', path: `reports/${title}_delivery-report.html`, state: 'planned' },
    { kind: 'report-json', path: `reports/${title}_delivery-report.json`, state: 'planned' },
    { kind: 'mhl', path: 'ascmhl', state: 'planned' },
  ];
  if (input.captions) {
    const asked = profile.captions?.sidecar?.length ? profile.captions.sidecar : ['srt'];
    for (const format of asked) {
      const target = CAPTION_TARGETS[format];
      if (!target) {
        findings.push(finding('DELIVER_CAPTIONS_FORMAT_UNSUPPORTED', { format, writable: Object.keys(CAPTION_TARGETS).join(', ') }));
        continue;
      }
      if (target.note) findings.push(finding('DELIVER_CAPTIONS_WRITTEN_AS', { format, as: target.note }));
      sidecars.push({ kind: 'captions', path: `captions/${title}.${target.extension}`, state: 'planned', captions: { source: input.captions.file, writer: target.writer, format } });
    }
  }
  const algorithms = (profile.checksum?.algorithms ?? []).filter((a) => a !== 'mhl' && a !== 'sha256');
  const plan: DeliverPlan = {
    schema: DELIVER_PLAN_SCHEMA,
    id: planId,
    title: tl.name,
    packageFolder: input.packageFolder ?? title,
    timeline: {
      name: tl.name,
      ...(input.timelineFile !== undefined ? { file: input.timelineFile } : {}),
      version,
      rate: tl.rate,
      startTimecode: timecodeOf(origin, tl.rate),
      durationFrames: total,
      model: tl,
    },
    profile,
    naming: { ...(input.naming?.convention ? { convention: input.naming.convention.data.id } : {}), template: templateText },
    checksum: { algorithms: algorithms.length ? algorithms : ['xxh64'] },
    sources: sources.list,
    jobs,
    sidecars,
    waivers: input.waivers ?? [],
    findings,
    mhl: [],
  };
  return { plan, findings };
}

/** The plan as written to disk: two-space JSON and a final newline; identical plans give identical bytes. */
export function deliverPlanJson(plan: DeliverPlan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
