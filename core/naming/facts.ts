/**
 * What a name can be checked against: a few facts about the media it names. Callers fill
 * what they know (a probe, a host, the folder) and leave the rest undefined; a check with no
 * fact to compare says nothing.
 */
import { formatRate, formatFrameRate, parseFrameRate, ratesEqual, type FrameRate } from '../time/index.ts';
import { finding, type Finding } from '../findings/index.ts';

export interface NamingFacts {
  /** Picture size in pixels (stored, not display-aspect corrected). */
  readonly width?: number;
  readonly height?: number;
  readonly rate?: FrameRate;
  /** Channels of the programme audio: 6 for a 5.1 mix whether carried in one stream or six mono streams. */
  readonly audioChannels?: number;
  /** The media's start timecode label (`01:00:00:00`). */
  readonly startTimecode?: string;
  /** Versions of the same name found beside the file (the family only: same name apart from version and date). */
  readonly siblingVersions?: readonly number[];
}

/** What a field says about the media. Conventions name it; plain templates use the field name (`fps`, `res`, `audio`, `tc`, `version`). */
export type NamingFactKind = 'rate' | 'resolution' | 'audio' | 'timecode' | 'version';

const FIELD_FACTS: Record<string, NamingFactKind> = {
  fps: 'rate',
  rate: 'rate',
  framerate: 'rate',
  res: 'resolution',
  resolution: 'resolution',
  audio: 'audio',
  channels: 'audio',
  tc: 'timecode',
  timecode: 'timecode',
  version: 'version',
  ver: 'version',
};

export function namingFactOfField(field: string): NamingFactKind | undefined {
  return FIELD_FACTS[field.toLowerCase()];
}

/** Frame-rate labels as names write them, without the dot: `23976`, `2398`, `2997`, `25`, `5994`, optional `p`/`i`/`fps`/`df`/`ndf`. */
export function namingRateFromLabel(label: string): FrameRate | undefined {
  const m = /^(\d+(?:[.,]\d+)?)(p|i|fps)?(df|ndf)?$/i.exec(label.trim());
  if (!m) return undefined;
  const digits = m[1]!.replace(',', '.');
  const undotted: Record<string, string> = { '2398': '23.976', '23976': '23.976', '2997': '29.97', '4795': '47.952', '47952': '47.952', '5994': '59.94', '11988': '119.88' };
  const text = `${undotted[digits] ?? digits}${m[3] ?? ''}`;
  const r = parseFrameRate(text);
  return r.ok ? r.value : undefined;
}

/** The label a name writes for a rate: `23976`, `25`, `2997` (the dot dropped, as delivery names do). */
export function namingRateLabel(r: FrameRate): string {
  return formatRate(r).replace('.', '');
}

interface ResolutionLabel {
  readonly label: string;
  readonly fits: (w: number, h: number) => boolean;
}

/** Resolution labels and the picture sizes they stand for. DCI 2K/4K cover flat and scope containers. */
const RESOLUTIONS: readonly ResolutionLabel[] = [
  { label: 'UHD', fits: (w, h) => w === 3840 && h === 2160 },
  { label: '4K', fits: (w, h) => w >= 3840 && w <= 4096 && h >= 1716 && h <= 2160 },
  { label: '2K', fits: (w, h) => w >= 1998 && w <= 2048 && h >= 858 && h <= 1080 },
  { label: 'HD', fits: (w, h) => w === 1920 && h === 1080 },
  { label: 'FHD', fits: (w, h) => w === 1920 && h === 1080 },
  { label: '1080', fits: (w, h) => w === 1920 && h === 1080 },
  { label: '1080P', fits: (w, h) => w === 1920 && h === 1080 },
  { label: '1080I', fits: (w, h) => w === 1920 && h === 1080 },
  { label: '720', fits: (w, h) => w === 1280 && h === 720 },
  { label: '720P', fits: (w, h) => w === 1280 && h === 720 },
  { label: '8K', fits: (w, h) => w >= 7680 && w <= 8192 && h >= 4320 && h <= 4320 },
  { label: 'SD', fits: (_w, h) => h === 480 || h === 486 || h === 576 },
];

/** The label `{res}` writes for a picture size: UHD, 4K, 2K, HD, 720, 8K, SD, else `WxH`. */
export function namingResolutionLabel(width: number, height: number): string {
  for (const label of ['UHD', '4K', '2K', 'HD', '720', '8K', 'SD']) {
    if (RESOLUTIONS.find((r) => r.label === label)!.fits(width, height)) return label;
  }
  return `${width}x${height}`;
}

/** Whether a resolution label can name this size; undefined when the label is not one Picturelock knows. */
function resolutionFits(label: string, w: number, h: number): boolean | undefined {
  const exact = /^(\d+)x(\d+)$/i.exec(label);
  if (exact) return Number(exact[1]) === w && Number(exact[2]) === h;
  const known = RESOLUTIONS.find((r) => r.label === label.toUpperCase());
  return known ? known.fits(w, h) : undefined;
}

const AUDIO_LABELS: Record<string, number> = { '10': 1, '20': 2, '51': 6, '71': 8, MONO: 1, STEREO: 2, LTRT: 2, LORO: 2 };

/** Channel count an audio label stands for (`51` -> 6, `6ch` -> 6, `51-HI` -> 6); undefined when unknown. */
export function namingChannelsFromLabel(label: string): number | undefined {
  const head = label.split('-')[0]!.toUpperCase();
  const ch = /^(\d+)CH$/.exec(head);
  if (ch) return Number(ch[1]);
  return AUDIO_LABELS[head];
}

/** The label `{audio}` writes for a channel count: 10, 20, 51, 71, else `<n>ch`. */
export function namingAudioLabel(channels: number): string {
  const found = Object.entries(AUDIO_LABELS).find(([k, v]) => v === channels && /^\d+$/.test(k));
  return found ? found[0] : `${channels}ch`;
}

function describeChannels(n: number): string {
  return n === 1 ? 'mono' : n === 2 ? 'stereo (2 channels)' : n === 6 ? '6 channels (5.1)' : n === 8 ? '8 channels (7.1)' : `${n} channels`;
}

/** Field values the media supplies by itself: `fps`, `res`, `width`, `height`, `audio`, `tc`. */
export function namingFieldsFromFacts(facts: NamingFacts): Record<string, string> {
  const out: Record<string, string> = {};
  if (facts.rate) out['fps'] = namingRateLabel(facts.rate);
  if (facts.width !== undefined && facts.height !== undefined) {
    out['res'] = namingResolutionLabel(facts.width, facts.height);
    out['width'] = String(facts.width);
    out['height'] = String(facts.height);
  }
  if (facts.audioChannels !== undefined) out['audio'] = namingAudioLabel(facts.audioChannels);
  if (facts.startTimecode) out['tc'] = facts.startTimecode.replace(/[:;.]/g, '');
  return out;
}

export interface NamingFieldToCheck {
  readonly field: string;
  /** The text as written in the name. */
  readonly text: string;
  /** The canonical value (a version's number without prefix or padding). */
  readonly value: string;
  readonly fact: NamingFactKind;
}

/**
 * Compares what a name says with what the media is: a rate label on another rate, a channel
 * label on another layout, a size label on another size, a start timecode that differs, or a
 * version older than one beside it (a warning). Labels Picturelock cannot read are not judged.
 */
export function checkNamingFacts(name: string, fields: readonly NamingFieldToCheck[], facts: NamingFacts, file?: string): Finding[] {
  const out: Finding[] = [];
  const where = file ? { where: { file } } : {};
  const mismatch = (f: NamingFieldToCheck, fact: string, expected: string) =>
    out.push(finding('NAMING_FACT_MISMATCH', { name, field: f.field, value: f.text, fact }, { ...where, expected, actual: f.text }));
  for (const f of fields) {
    if (f.fact === 'rate' && facts.rate) {
      const said = namingRateFromLabel(f.text);
      if (said && !ratesEqual(said, facts.rate)) mismatch(f, `${formatFrameRate(facts.rate)} fps`, namingRateLabel(facts.rate));
    } else if (f.fact === 'resolution' && facts.width !== undefined && facts.height !== undefined) {
      if (resolutionFits(f.text, facts.width, facts.height) === false) mismatch(f, `${facts.width}x${facts.height}`, namingResolutionLabel(facts.width, facts.height));
    } else if (f.fact === 'audio' && facts.audioChannels !== undefined) {
      const said = namingChannelsFromLabel(f.text);
      if (said !== undefined && said !== facts.audioChannels) mismatch(f, describeChannels(facts.audioChannels), namingAudioLabel(facts.audioChannels));
    } else if (f.fact === 'timecode' && facts.startTimecode) {
      const digits = facts.startTimecode.replace(/[:;.]/g, '');
      if (/^\d+$/.test(f.text) && f.text !== digits) mismatch(f, `starting at ${facts.startTimecode}`, digits);
    } else if (f.fact === 'version' && facts.siblingVersions?.length && /^\d+$/.test(f.value)) {
      const newest = Math.max(...facts.siblingVersions);
      const mine = Number(f.value);
      if (newest > mine) {
        const newestText = f.text.replace(/\d+$/, (d) => String(newest).padStart(d.length, '0'));
        out.push(finding('NAMING_VERSION_SUPERSEDED', { name, version: f.text, newest: newestText }, { ...where, expected: newestText, actual: f.text }));
      }
    }
  }
  return out;
}
