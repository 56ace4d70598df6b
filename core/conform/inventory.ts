import { finding, type Finding } from '../findings/index.ts';
import { framesPerDay, parseFrameRate, parseTimecode, range, ratesEqual, rescaledTo, rt, type FrameRate } from '../time/index.ts';
import type { MediaRecord, Timeline, Track } from '../timeline/index.ts';
import type { MediaInfo } from '../spec/index.ts';

/**
 * The media inventory: one `MediaRecord` a file or clip, from a CSV with a column mapping,
 * an ALE (`readAle`), the media references inside an XML/OTIO, or a probed folder.
 */

/** The inventory fields a CSV column can fill. */
export type ConformCsvField =
  | 'path'
  | 'fileName'
  | 'reel'
  | 'clipName'
  | 'cameraClipName'
  | 'start'
  | 'end'
  | 'duration'
  | 'rate'
  | 'width'
  | 'height'
  | 'raster'
  | 'codec'
  | 'audioChannels';

/** Which column (header text, any case) fills which field. */
export type ConformCsvMapping = Partial<Record<ConformCsvField, string>>;

/** Header spellings recognised when no mapping is given, first match wins (compared folded, without spaces, `_` and `-`). */
const CSV_SYNONYMS: Record<ConformCsvField, readonly string[]> = {
  path: ['path', 'filepath', 'fullpath', 'sourcepath', 'mediapath', 'location'],
  fileName: ['filename', 'sourcefile', 'file', 'mediafilename'],
  reel: ['reel', 'tape', 'reelname', 'tapename', 'roll', 'cameraroll'],
  clipName: ['clipname', 'clip', 'name'],
  cameraClipName: ['cameraclipname', 'cameraclip', 'camclip'],
  start: ['starttc', 'start', 'starttimecode', 'tcin', 'sourcein', 'timecode'],
  end: ['endtc', 'end', 'endtimecode', 'tcout'],
  duration: ['durationframes', 'frames', 'duration', 'durationtc', 'length'],
  rate: ['rate', 'fps', 'framerate', 'projectfps', 'videofps'],
  width: ['width', 'resolutionwidth'],
  height: ['height', 'resolutionheight'],
  raster: ['raster', 'resolution', 'imagesize', 'framesize'],
  codec: ['codec', 'videocodec', 'video'],
  audioChannels: ['audiochannels', 'channels', 'audiotracks'],
};

/** The last segment of a path or URL, as written. */
function fileNameOf(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

const fold = (s: string) => s.toLowerCase().replace(/[\s_\-.]/g, '');

/** RFC 4180 rows: quoted fields with doubled quotes and line breaks, CRLF or LF, a BOM dropped. Never throws. */
export function conformParseCsv(text: string, delimiter?: string): { rows: string[][]; lines: number[] } {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.slice(0, src.search(/\r?\n|$/));
  const delim = delimiter ?? ([',', '\t', ';'].map((d) => ({ d, n: firstLine.split(d).length })).sort((a, b) => b.n - a.n)[0]!.d);
  const rows: string[][] = [];
  const lines: number[] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === delim) {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f !== '')) {
        rows.push(row);
        lines.push(rowLine);
      }
      row = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  row.push(field);
  if (row.some((f) => f !== '')) {
    rows.push(row);
    lines.push(rowLine);
  }
  return { rows, lines };
}

/**
 * An inventory from CSV text. Columns are found by `mapping`, else by common header names
 * (`clip_name`, `reel`, `start_tc`, `duration_frames`, `rate` …). Start is a timecode; the
 * length comes from a frame count, a duration timecode or an exclusive end timecode. A row's
 * rate column wins over `options.rate`. Unmapped columns are kept in `extra`.
 */
export function conformInventoryFromCsv(
  text: string,
  options: { mapping?: ConformCsvMapping; rate?: FrameRate; file?: string; delimiter?: string } = {},
): { value: MediaRecord[] | undefined; findings: Finding[] } {
  const findings: Finding[] = [];
  const file = options.file;
  const { rows, lines } = conformParseCsv(text, options.delimiter);
  const header = rows[0];
  if (!header) return { value: undefined, findings: [finding('CONFORM_CSV_COLUMN_MISSING', { field: 'a header row', column: '(the file is empty)' }, { where: file ? { file } : {} })] };
  const folded = header.map(fold);
  const col: Partial<Record<ConformCsvField, number>> = {};
  for (const f of Object.keys(CSV_SYNONYMS) as ConformCsvField[]) {
    const named = options.mapping?.[f];
    if (named !== undefined) {
      const i = folded.indexOf(fold(named));
      if (i < 0) findings.push(finding('CONFORM_CSV_COLUMN_MISSING', { field: f, column: named }, { where: { ...(file ? { file } : {}), line: 1 } }));
      else col[f] = i;
      continue;
    }
    for (const syn of CSV_SYNONYMS[f]) {
      const i = folded.indexOf(syn);
      if (i >= 0 && !Object.values(col).includes(i)) {
        col[f] = i;
        break;
      }
    }
  }
  // `end` and `duration` both mean the length; a header like `duration_tc` next to `duration_frames` is left in extra.
  const used = new Set(Object.values(col));
  const records: MediaRecord[] = [];
  rows.slice(1).forEach((cells, ri) => {
    const line = lines[ri + 1]!;
    const where = { ...(file ? { file } : {}), line };
    const cell = (f: ConformCsvField) => {
      const i = col[f];
      const v = i === undefined ? undefined : cells[i]?.trim();
      return v === '' ? undefined : v;
    };
    const bad = (f: ConformCsvField, value: string, reason: string) =>
      findings.push(finding('CONFORM_CSV_VALUE_INVALID', { column: header[col[f]!] ?? f, value, reason }, { where: { ...where, column: (col[f] ?? 0) + 1 } }));
    let rate = options.rate;
    const rateText = cell('rate');
    if (rateText !== undefined) {
      const r = parseFrameRate(rateText);
      if (r.ok) rate = r.value;
      else bad('rate', rateText, r.error);
    }
    let availableRange;
    const startText = cell('start');
    if (startText !== undefined && rate) {
      const s = parseTimecode(startText, rate);
      if (!s.ok) bad('start', startText, s.error.message);
      else {
        let length: number | undefined;
        const durText = cell('duration');
        const endText = cell('end');
        if (durText !== undefined && /^\d+$/.test(durText)) length = Number(durText);
        else if (endText !== undefined) {
          const e = parseTimecode(endText, rate);
          if (e.ok) length = e.value >= s.value ? e.value - s.value : e.value + framesPerDay(rate) - s.value;
          else bad('end', endText, e.error.message);
        } else if (durText !== undefined) {
          const d = parseTimecode(durText, { ...rate, dropFrame: false });
          if (d.ok) length = d.value;
          else bad('duration', durText, 'neither a frame count nor a duration timecode');
        }
        if (length !== undefined) availableRange = range(s.value, length, rate);
      }
    } else if (startText !== undefined) bad('start', startText, 'no rate to count it: add a rate column or pass the rate');
    const int = (f: ConformCsvField) => {
      const v = cell(f);
      if (v === undefined) return undefined;
      if (/^\d+$/.test(v)) return Number(v);
      bad(f, v, 'not a whole number');
      return undefined;
    };
    let width = int('width');
    let height = int('height');
    const raster = cell('raster');
    if (raster !== undefined && width === undefined) {
      const m = /^(\d+)\s*[x×]\s*(\d+)$/i.exec(raster);
      if (m) {
        width = Number(m[1]);
        height = Number(m[2]);
      } else bad('raster', raster, 'not WIDTHxHEIGHT');
    }
    const audioChannels = int('audioChannels');
    const extra: Record<string, string> = {};
    header.forEach((h, i) => {
      if (!used.has(i) && cells[i] !== undefined && cells[i] !== '') extra[h] = cells[i]!;
    });
    const path = cell('path');
    const fileName = cell('fileName') ?? (path !== undefined ? fileNameOf(path) : undefined);
    const r: MediaRecord = {
      ...(path !== undefined ? { path } : {}),
      ...(fileName !== undefined ? { fileName } : {}),
      ...(cell('reel') !== undefined ? { reel: cell('reel')! } : {}),
      ...(cell('clipName') !== undefined ? { clipName: cell('clipName')! } : {}),
      ...(cell('cameraClipName') !== undefined ? { cameraClipName: cell('cameraClipName')! } : {}),
      ...(availableRange ? { availableRange } : {}),
      ...(rate ? { rate } : {}),
      ...(width !== undefined ? { width } : {}),
      ...(height !== undefined ? { height } : {}),
      ...(cell('codec') !== undefined ? { codec: cell('codec')! } : {}),
      ...(audioChannels !== undefined ? { audioChannels } : {}),
      extra,
    };
    records.push(r);
  });
  return { value: records, findings };
}

/** The media a timeline's clips point at, one record per distinct file reference (XML, OTIO, AAF). */
export function conformInventoryFromTimeline(tl: Timeline): MediaRecord[] {
  const seen = new Map<string, MediaRecord>();
  const visit = (tracks: readonly Track[]) => {
    for (const t of tracks) {
      for (const item of t.children) {
        if (item.kind === 'stack') visit(item.children);
        if (item.kind !== 'clip' || item.media.kind !== 'external' || seen.has(item.media.url)) continue;
        const m = item.media;
        const meta = (m.metadata?.['fcp7xml'] ?? {}) as { path?: unknown; width?: unknown; height?: unknown; audioChannels?: unknown };
        const path = typeof meta.path === 'string' ? meta.path : m.url;
        const avail = m.availableRange;
        const rate: FrameRate | undefined = avail ? { num: avail.start.rate.num, den: avail.start.rate.den, dropFrame: m.metadata?.['dropFrame'] === true } : undefined;
        seen.set(m.url, {
          path,
          fileName: m.name ?? fileNameOf(path),
          ...(item.reel !== undefined ? { reel: item.reel } : {}),
          ...(m.name !== undefined ? { clipName: m.name } : {}),
          ...(avail ? { availableRange: avail } : {}),
          ...(rate ? { rate } : {}),
          ...(typeof meta.width === 'number' ? { width: meta.width } : {}),
          ...(typeof meta.height === 'number' ? { height: meta.height } : {}),
          ...(typeof meta.audioChannels === 'number' ? { audioChannels: meta.audioChannels } : {}),
          extra: { url: m.url },
        });
      }
    }
  };
  visit(tl.tracks);
  return [...seen.values()];
}

/**
 * A probed file as an inventory record. A picture file's available range starts at its start
 * timecode (0 without one) and runs the programme's length counted at the timecode rate. A
 * sound file's starts at its BWF time reference (0 without one) and runs its samples, counted
 * in samples at its sample rate; given `rate` (the cut's), in whole frames at that rate (see
 * `conformRecordCountedAt`).
 */
export function conformRecordOfMediaInfo(info: MediaInfo, options: { readonly rate?: FrameRate } = {}): MediaRecord {
  const video = info.video[0];
  const fileName = fileNameOf(info.path);
  const tc = info.startTimecode;
  const sound = !video ? info.audio[0] : undefined;
  const sampleRate = sound && sound.sampleRate > 0 ? sound.sampleRate : undefined;
  const rate: FrameRate | undefined = sampleRate ? undefined : (tc?.rate ?? video?.frameRate);
  let availableRange;
  if (sampleRate) {
    const samples = sound!.durationSamples ?? (info.durationRate?.num === sampleRate && info.durationRate.den === 1 ? info.durationFrames : undefined);
    const start = tc && ratesEqual(tc.rate, { num: sampleRate, den: 1 }) ? tc.frames : 0;
    if (samples !== undefined) availableRange = range(start, samples, { num: sampleRate, den: 1 });
  } else if (rate && info.durationFrames !== undefined && info.durationRate) {
    const length = rescaledTo(rt(info.durationFrames, info.durationRate), rate, 'floor');
    availableRange = range(tc?.frames ?? 0, length, rate);
  }
  const audioChannels = info.audio.reduce((n, a) => n + a.channels, 0);
  const codec = video ? [video.codec, video.profile].filter(Boolean).join(' ') : info.audio[0]?.codec;
  const extra: Record<string, string> = { container: info.container, sizeBytes: String(info.sizeBytes) };
  if (tc) extra['timecodeSource'] = tc.source;
  if (sampleRate) extra['sampleRate'] = String(sampleRate);
  const record: MediaRecord = {
    path: info.path,
    fileName,
    ...(info.reel !== undefined ? { reel: info.reel } : {}),
    clipName: fileName.replace(/\.[^.]+$/, ''),
    ...(availableRange ? { availableRange } : {}),
    ...(rate ? { rate } : {}),
    ...(video ? { width: video.width, height: video.height } : {}),
    ...(codec ? { codec } : {}),
    audioChannels,
    extra,
  };
  return options.rate ? conformRecordCountedAt(record, options.rate) : record;
}

/**
 * A sound file's record whose range counts samples (as `conformRecordOfMediaInfo` gives it)
 * counted in whole frames at `rate`, as a cut counts its source timecode: from the first frame
 * that starts at or after the file's first sample to the last that ends by its last sample.
 * Exact when the start falls on a frame (a BWF written at that rate); otherwise the start moves
 * to the next frame and `extra.startOffsetSamples` says by how many samples. Other records are
 * returned unchanged.
 */
export function conformRecordCountedAt(r: MediaRecord, rate: FrameRate): MediaRecord {
  const a = r.availableRange;
  const sampleRate = Number(r.extra['sampleRate']);
  if (!a || r.rate || !Number.isSafeInteger(sampleRate) || sampleRate <= 0 || !ratesEqual(a.start.rate, { num: sampleRate, den: 1 })) return r;
  // Frames at `rate` = samples x num / (sampleRate x den).
  const num = BigInt(rate.num);
  const den = BigInt(sampleRate) * BigInt(rate.den);
  const startSamples = BigInt(a.start.value);
  const first = (startSamples * num + den - 1n) / den;
  const last = ((startSamples + BigInt(a.duration.value)) * num) / den;
  const extra: Record<string, string> = { ...r.extra, startSamples: String(a.start.value) };
  // Frame `first` begins at sample first x den / num of the day; whole samples past the file's first.
  if (first * den !== startSamples * num) extra['startOffsetSamples'] = String((first * den + num - 1n) / num - startSamples);
  return { ...r, availableRange: range(Number(first), Number(last > first ? last - first : 0n), rate), rate, extra };
}
