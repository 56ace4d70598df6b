import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import type { Command } from 'commander';
import {
  buildReport,
  conformInventoryFromCsv,
  conformInventoryFromTimeline,
  conformMatchSection,
  conformParseMatchRules,
  conformPullCsv,
  conformPullList,
  conformPullTimeline,
  conformRecordCountedAt,
  conformRelinkedTimeline,
  conformStripSection,
  conformTimeline,
  conformVfxPullList,
  detectInterchangeFormat,
  finding,
  formatFrameRate,
  nominalFps,
  ratesEqual,
  writeInterchange,
  type ConformCsvField,
  type ConformCsvMapping,
  type ConformMatchRule,
  type Finding,
  type FrameRate,
  type MediaRecord,
  type WritableTimelineFormat,
} from '@picturelock/core';
import { probeMediaFolder, type InventoryProgress } from '@picturelock/host-bridge';
import { readInputBytes, writeOutputAtomic } from '../files.ts';
import { UsageError, VERSION, type CliIO } from '../io.ts';
import { optionalRate, readListFile } from '../inputs.ts';
import { checksSection, countOption, emitReport, timelineArg, waiversFile, type ReportOutputs } from './check.ts';

interface ConformCliOptions extends ReportOutputs {
  media: string[];
  rate?: string;
  timeline?: string;
  handles?: string;
  match?: string;
  flashFrames?: string;
  lint?: boolean;
  report?: string;
  pullList?: string;
  vfxPull?: string;
  vfxPullEdl?: string;
  vfxTrack?: string[];
  relinkOut?: string;
  relinkFormat?: string;
  csvMap?: string;
  cache?: string;
  jobs?: string;
  waivers?: string;
}

const CSV_FIELDS: readonly ConformCsvField[] = ['path', 'fileName', 'reel', 'clipName', 'cameraClipName', 'start', 'end', 'duration', 'rate', 'width', 'height', 'raster', 'codec', 'audioChannels'];

/** `--csv-map reel=Tape,start=TC In`: inventory field = CSV column header. */
function csvMapOption(text: string | undefined): ConformCsvMapping | undefined {
  if (text === undefined) return undefined;
  const out: Partial<Record<ConformCsvField, string>> = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim() as ConformCsvField;
    if (eq < 0 || !CSV_FIELDS.includes(field)) throw new UsageError(`--csv-map ${part}: write field=column with field one of ${CSV_FIELDS.join(', ')}`);
    out[field] = part.slice(eq + 1).trim();
  }
  return out;
}

function progressBar(p: InventoryProgress): string {
  const width = 30;
  const filled = p.total ? Math.round((p.done / p.total) * width) : width;
  return `\rProbing media [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total}${p.cached ? ` (${p.cached} cached)` : ''}`;
}

/** Every `--media` argument as inventory records: a folder is probed, an ALE or XML/OTIO read, a CSV mapped. */
async function inventoryOf(io: CliIO, opts: ConformCliOptions, rate: FrameRate | undefined): Promise<{ records: MediaRecord[]; findings: Finding[] }> {
  const records: MediaRecord[] = [];
  const findings: Finding[] = [];
  for (const m of opts.media) {
    let isDir = false;
    try {
      isDir = statSync(m).isDirectory();
    } catch {
      throw new UsageError(`--media ${m}: no such file or folder`);
    }
    if (isDir) {
      const r = await probeMediaFolder(m, {
        cacheFile: opts.cache ?? join(homedir(), '.cache', 'picturelock', 'media-cache.json'),
        concurrency: opts.jobs ? countOption(opts.jobs, '--jobs', 1) : 4,
        ...(io.isTTY ? { onProgress: (p: InventoryProgress) => io.err(progressBar(p)) } : {}),
      });
      if (io.isTTY) io.err('\n');
      records.push(...r.records);
      for (const f of r.failures) findings.push(finding('INPUT_UNREADABLE', { path: f.path, reason: f.reason }, { where: { file: f.path } }));
      continue;
    }
    const bytes = readInputBytes(m);
    const format = detectInterchangeFormat(bytes);
    if (format === undefined) {
      if (!['.csv', '.tsv', '.txt'].includes(extname(m).toLowerCase())) throw new UsageError(`--media ${m}: not a folder, ALE, CSV, XML or OTIO file`);
      const mapping = csvMapOption(opts.csvMap);
      const r = conformInventoryFromCsv(new TextDecoder().decode(bytes), { file: m, ...(mapping ? { mapping } : {}), ...(rate ? { rate } : {}) });
      records.push(...(r.value ?? []));
      findings.push(...r.findings);
      continue;
    }
    const r = readListFile(m, rate);
    findings.push(...r.findings.filter((f) => f.severity !== 'info'));
    records.push(...r.inventory);
    for (const tl of r.timelines) records.push(...conformInventoryFromTimeline(tl));
  }
  return { records, findings };
}

/** The rate most of the inventory runs at, among records whose timecode base matches `inferred`. */
function mediaRate(records: readonly MediaRecord[], inferred: FrameRate): { rate: FrameRate; count: number } | undefined {
  const counts = new Map<string, { rate: FrameRate; count: number }>();
  for (const r of records) {
    if (!r.rate || nominalFps(r.rate) !== nominalFps(inferred)) continue;
    const k = `${r.rate.num}/${r.rate.den}/${r.rate.dropFrame}`;
    const c = counts.get(k) ?? counts.set(k, { rate: r.rate, count: 0 }).get(k)!;
    c.count++;
  }
  return [...counts.values()].sort((a, b) => b.count - a.count)[0];
}

function relinkFormatOf(path: string, given: string | undefined): WritableTimelineFormat {
  const f = given ?? ({ '.xml': 'fcp7xml', '.otio': 'otio', '.edl': 'edl', '.fcpxml': 'fcpxml' } as Record<string, string>)[extname(path).toLowerCase()];
  if (f === 'fcp7xml' || f === 'otio' || f === 'edl' || f === 'fcpxml') return f;
  throw new UsageError(`--relink-out ${path}: name it .xml (FCP7 XML), .otio or .edl, or pass --relink-format`);
}

/** `picturelock conform <offline-list> --media ...`: every event matched to its camera original, with handles and pulls. */
export function registerConform(program: Command, io: CliIO): void {
  program
    .command('conform')
    .description('match an offline list to the camera originals: missing, ambiguous, out-of-range, short handles, rate/raster/reel; relinked list and pull lists')
    .argument('<offline-list>', 'EDL, FCP7 XML, FCPXML, OTIO or AAF')
    .requiredOption('--media <source...>', 'media: a folder (probed with ffprobe), an ALE, a CSV, or an XML/OTIO whose media references count')
    .option('-r, --rate <rate>', 'the list\'s frame rate when the format does not say (EDL); also the CSV rate when it has no rate column')
    .option('--timeline <n|name>', 'which timeline of a file that holds several (default the first)')
    .option('--handles <n>', 'handles asked for on each side, in frames', '0')
    .option('--match <rules>', 'match rules in order: path,file,reel,clip,timecode (timecode breaks ties)', 'path,file,reel,clip,timecode')
    .option('--flash-frames <n>', 'with --lint: events shorter than this are flash frames', '3')
    .option('--lint', 'also run the timeline checks of `check`')
    .option('--report <file>', 'write the HTML report (timeline strip, event table, findings)')
    .option('--html <file>', 'same as --report')
    .option('--json', 'print the report as JSON (picturelock.report/1)')
    .option('--csv <file>', 'write the findings as CSV')
    .option('--junit <file>', 'write the findings as JUnit XML')
    .option('--pull-list <file>', 'write the pull list CSV: reel, clip, source in/out with handles, per event')
    .option('--vfx-pull <file>', 'write the VFX pull list CSV (events on a VFX track or with a VFX marker, and the plates under them)')
    .option('--vfx-pull-edl <file>', 'write the VFX pull list as an EDL')
    .option('--vfx-track <name...>', 'tracks that hold VFX besides those named VFX')
    .option('--relink-out <file>', 'write the list relinked to the camera originals (.xml FCP7, .otio, .edl)')
    .option('--relink-format <format>', 'fcp7xml, otio, edl or fcpxml, when the --relink-out name does not say')
    .option('--csv-map <map>', 'CSV columns: field=column,... (fields: path, fileName, reel, clipName, cameraClipName, start, end, duration, rate, width, height, raster, codec, audioChannels)')
    .option('--cache <file>', 'the probe cache (default ~/.cache/picturelock/media-cache.json)')
    .option('--jobs <n>', 'probes at once', '4')
    .option('--waivers <file>', 'JSON array of approved exceptions {code, where, who, when, why}')
    .option('--force', 'replace existing output files')
    .action(async (file: string, opts: ConformCliOptions) => {
      const handles = countOption(opts.handles ?? '0', '--handles');
      const flashFrames = countOption(opts.flashFrames ?? '3', '--flash-frames', 1);
      const parsedRules = conformParseMatchRules(opts.match ?? 'path,file,reel,clip,timecode');
      if (!parsedRules.ok) throw new UsageError(`--match: ${parsedRules.error}`);
      const rules: ConformMatchRule[] = parsedRules.value;
      const givenRate = optionalRate(opts.rate);
      let { timeline, read } = timelineArg(file, givenRate, opts.timeline);
      const inventory = await inventoryOf(io, opts, givenRate);
      const findings: Finding[] = [...inventory.findings];
      // A list that does not state its rate (EDL) counts the same labels at 24 and 23.976: take the media's.
      const inferred = read.findings.some((f) => f.code === 'RATE_INFERRED');
      const fromMedia = inferred && !givenRate ? mediaRate(inventory.records, timeline.rate) : undefined;
      if (fromMedia && !ratesEqual(fromMedia.rate, timeline.rate)) {
        const before = timeline.rate;
        ({ timeline, read } = timelineArg(file, { ...fromMedia.rate, dropFrame: before.dropFrame && fromMedia.rate.dropFrame }, opts.timeline));
        findings.push(finding('CONFORM_LIST_RATE_FROM_MEDIA', { inferred: formatFrameRate(before), rate: formatFrameRate(timeline.rate), records: fromMedia.count }, { where: { file } }));
      }
      findings.unshift(...read.findings);
      // Sound files come counted in samples (BWF time reference): count them as the list does.
      const result = conformTimeline(timeline, inventory.records.map((r) => conformRecordCountedAt(r, timeline.rate)), { handles, rules, flashFrames, file, lint: opts.lint === true });
      findings.push(...result.findings);
      const force = opts.force === true;
      if (opts.relinkOut) {
        const relinked = conformRelinkedTimeline(timeline, result.events, result.matches);
        const w = writeInterchange(relinked.timeline, relinkFormatOf(opts.relinkOut, opts.relinkFormat), { dialect: 'avid', mergeTracks: true });
        writeOutputAtomic(opts.relinkOut, w.text, { force });
        findings.push(...w.findings.map((f) => ({ ...f, where: { ...f.where, file: opts.relinkOut } })));
        io.err(`wrote ${opts.relinkOut}: ${result.events.length - relinked.unmatched.length} events relinked${relinked.unmatched.length ? `, ${relinked.unmatched.length} left offline (${relinked.unmatched.map((e) => e.id).join(', ')})` : ''}\n`);
      }
      if (opts.pullList) writeOutputAtomic(opts.pullList, conformPullCsv(conformPullList(result.events, result.matches, { handles })), { force });
      if (opts.vfxPull || opts.vfxPullEdl) {
        const rows = conformVfxPullList(result.events, result.matches, { handles, tracks: opts.vfxTrack ?? [] });
        if (opts.vfxPull) writeOutputAtomic(opts.vfxPull, conformPullCsv(rows), { force });
        if (opts.vfxPullEdl) {
          const w = writeInterchange(conformPullTimeline(timeline, rows, `${timeline.name} VFX pulls`), 'edl', { dialect: 'avid' });
          writeOutputAtomic(opts.vfxPullEdl, w.text, { force });
        }
      }
      const html = opts.report ?? opts.html;
      const sections = opts.json || html ? [conformStripSection(timeline, result.events, findings), conformMatchSection(result.results), checksSection(result.checks)] : [conformMatchSection(result.results)];
      const report = buildReport({
        title: `Conform: ${timeline.name || file}`,
        toolVersion: VERSION,
        generatedAt: new Date().toISOString(),
        inputs: [{ path: file, role: 'offline list' }, ...opts.media.map((m) => ({ path: m, role: 'media' }))],
        findings,
        ...(opts.waivers ? { waivers: waiversFile(opts.waivers) } : {}),
        sections,
      });
      emitReport(io, report, { ...opts, ...(html ? { html } : {}) });
    });
}

