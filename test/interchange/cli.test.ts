import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { eventsOf, readInterchange, type FrameRate, type Timeline } from '@picturelock/core';

const FPS24: FrameRate = { num: 24, den: 1, dropFrame: false };
import { describeFixtures, fixturePath, runCli } from '@picturelock/test';

/**
 * The events a list carries, as an assistant compares two lists: record and source positions,
 * reel, and the speed as the whole number of source frames the event reads (FCP7 XML states
 * speed through in/out frames, and an EDL M2 line one decimal, so 119/60 over 36 frames comes back as 71/36 and then 473/240: the same 71 frames, rounded).
 */
function eventKeys(tl: Timeline): string[] {
  return eventsOf(tl)
    .map((e) => `${e.clip.reel ?? ''}|${e.recordIn}-${e.recordOut}|${e.sourceIn}-${e.sourceOut}|${Math.round((Math.abs(e.speed.num) * e.record.duration.value) / e.speed.den)}${e.speed.num < 0 ? ' reverse' : ''}`)
    .sort();
}

/** Clip names of the events, for lists whose target moves cuts (an EDL dissolve starts at its cut). */
function clipNames(tl: Timeline): string[] {
  return [...new Set(eventsOf(tl).map((e) => e.clip.name))].sort();
}

function readTimeline(path: string, rate?: FrameRate): Timeline {
  const bytes = new Uint8Array(readFileSync(path));
  const r = readInterchange(bytes, { file: path, ...(rate ? { rate } : {}) });
  expect(r.timelines.length).toBeGreaterThan(0);
  return r.timelines[0]!;
}

describeFixtures('picturelock inspect and convert on the corpus (interchange acceptance)', () => {
  it('inspect screening_example.edl lists the 9 events with their clip names and durations', async () => {
    const r = await runCli('inspect', fixturePath('interchange/otio-cmx3600/screening_example.edl'), '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as { format: string; timelines: { tracks: { events: { clip: string; frames: number }[] }[] }[] };
    expect(doc.format).toBe('edl');
    const events = doc.timelines[0]!.tracks[0]!.events;
    // Names and durations as the catalog gives them (frames at 24 fps).
    expect(events.map((e) => [e.clip, e.frames])).toEqual([
      ['ZZ100_501 (LAY3)', 31],
      ['ZZ100_502A (LAY3)', 50],
      ['ZZ100_503A (LAY1)', 28],
      ['ZZ100_504C (LAY1)', 115],
      ['ZZ100_504B (LAY1)', 101],
      ['ZZ100_507C (LAY2)', 161],
      ['ZZ100_508 (LAY2)', 170],
      ['ZZ100_510 (LAY1)', 136],
      ['ZZ100_510B (LAY1)', 257],
    ]);
  });

  it('inspect prints the table with reels, source and record timecodes', async () => {
    const r = await runCli('inspect', fixturePath('interchange/otio-cmx3600/screening_example.edl'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('V1 (video): 9 events');
    expect(r.out).toContain('001  ZZ100_50  01:00:04:05  01:00:05:12  00:59:53:11  00:59:54:18  31');
  });

  it('convert gap_test.edl --to otio gives clip, gap, clip, gap, clip at (0,24) (24,16) (40,24) (64,38) (102,24)', async () => {
    const r = await runCli('convert', fixturePath('interchange/otio-cmx3600/gap_test.edl'), '--to', 'otio');
    expect(r.code).toBe(0);
    const otio = JSON.parse(r.out) as { tracks: { children: { children: { OTIO_SCHEMA: string; source_range: { duration: { value: number } } }[] }[] } };
    let at = 0;
    const ranges = otio.tracks.children[0]!.children.map((c) => {
      const d = c.source_range.duration.value;
      const out = [c.OTIO_SCHEMA.split('.')[0], at, d];
      at += d;
      return out;
    });
    expect(ranges).toEqual([
      ['Clip', 0, 24],
      ['Gap', 24, 16],
      ['Clip', 40, 24],
      ['Gap', 64, 38],
      ['Clip', 102, 24],
    ]);
  });

  it('convert never overwrites an existing file without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-convert-'));
    const out = join(dir, 'cut.xml');
    writeFileSync(out, 'mine');
    const r = await runCli('convert', fixturePath('interchange/otio-cmx3600/gap_test.edl'), '--to', 'fcp7xml', '-o', out);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${out} exists; pass --force to replace it`);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await runCli('convert', fixturePath('interchange/otio-cmx3600/gap_test.edl'), '--to', 'fcp7xml', '-o', out, '--force')).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('<xmeml');
  });

  // Every corpus EDL and FCP7 XML: to FCP7 XML, then to a File128 EDL with all tracks merged,
  // loses no event (record, source, reel, speed) that those formats can carry.
  const lists = [
    ...readdirSync(fixturePath('interchange/otio-cmx3600')).filter((f) => f.endsWith('.edl')).map((f) => `interchange/otio-cmx3600/${f}`),
    ...readdirSync(fixturePath('interchange/otio-fcp'))
      // premiere_example_filter.xml is a lone <filter> element, not a sequence.
      .filter((f) => f.endsWith('.xml') && f !== 'premiere_example_filter.xml')
      .map((f) => `interchange/otio-fcp/${f}`),
  ];
  it.each(lists)('convert %s --to fcp7xml, then --to edl, keeps every event', async (rel) => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-chain-'));
    const xml = join(dir, 'step.xml');
    const edl = join(dir, 'step.edl');
    const src = fixturePath(rel);
    const isEdl = rel.endsWith('.edl');
    const rateArgs = isEdl ? ['--rate', '24'] : [];
    const toXml = await runCli('convert', src, '--to', 'fcp7xml', '-o', xml, ...rateArgs);
    expect(toXml.code === 0 || toXml.code === 1).toBe(true);
    const toEdl = await runCli('convert', xml, '--to', 'edl', '--dialect', 'file128', '--merge-tracks', '-o', edl);
    expect(toEdl.code === 0 || toEdl.code === 1).toBe(true);
    const original = eventKeys(readTimeline(src, isEdl ? FPS24 : undefined));
    const listRate = readTimeline(xml).rate;
    const viaXml = eventKeys(readTimeline(xml));
    expect(viaXml).toEqual(original);
    // The EDL keeps every clip except those its writer names as not carried (nested
    // sequences, a transition into a gap); cuts may move to where an EDL dissolve starts.
    const omitted = toEdl.err
      .split('\n')
      .filter((l) => l.includes('EDL_WRITE_ITEM_OMITTED'))
      .map((l) => /"([^"]*)" not written/.exec(l)?.[1] ?? '');
    const back = clipNames(readTimeline(edl, listRate));
    const expected = clipNames(readTimeline(xml)).filter((n) => !omitted.includes(n) || back.includes(n));
    expect(back).toEqual(expected);
    if (!rel.includes('premiere_example') && !rel.includes('dissolve') && !rel.includes('wipe')) expect(eventKeys(readTimeline(edl, listRate))).toEqual(original);
  });
});
