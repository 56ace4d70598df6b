import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { framesOf, timecodeOf, type FrameRate } from '@picturelock/core';

/**
 * The bundled example (examples/README.md) was computed by hand; these tests re-derive its
 * numbers from the files with core/time, so a slip in either shows up. The EDL lines are
 * split with a plain pattern here (this is a check of our data, not an EDL reader).
 */
const R: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const text = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');

interface EdlLine {
  num: string;
  reel: string;
  channel: string;
  transition: string;
  srcIn: number;
  srcOut: number;
  recIn: number;
  recOut: number;
}

const TC = '(\\d\\d:\\d\\d:\\d\\d:\\d\\d)';
const EVENT = new RegExp(`^(\\d{3})  (\\S+)\\s+(V|A|A2)\\s+(C|D    \\d{3})\\s+${TC} ${TC} ${TC} ${TC}$`);

function edlLines(name: string): EdlLine[] {
  return text(name)
    .split('\n')
    .map((l) => EVENT.exec(l))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      num: m[1]!,
      reel: m[2]!,
      channel: m[3]!,
      transition: m[4]!.replace(/\s+/g, ' '),
      srcIn: framesOf(m[5]!, R),
      srcOut: framesOf(m[6]!, R),
      recIn: framesOf(m[7]!, R),
      recOut: framesOf(m[8]!, R),
    }));
}

interface MediaRow {
  clip: string;
  file: string;
  reel: string;
  start: number;
  end: number;
  frames: number;
}

function csvRows(): MediaRow[] {
  const [header, ...rows] = text('media.csv').trimEnd().split('\r\n');
  expect(header).toBe('clip_name,file_name,path,reel,start_tc,end_tc,duration_tc,duration_frames,rate,width,height,codec,audio_channels');
  return rows.map((r) => {
    const c = r.split(',');
    const row = { clip: c[0]!, file: c[1]!, reel: c[3]!, start: framesOf(c[4]!, R), end: framesOf(c[5]!, R), frames: Number(c[7]) };
    expect(framesOf(c[6]!, R), c[1]).toBe(row.frames);
    expect(c[8]).toBe('23.976');
    return row;
  });
}

const HOUR = 86400;

describe('examples/scene-v1.edl', () => {
  const lines = edlLines('scene-v1.edl');
  const v1 = lines.filter((l) => l.channel === 'V' && l.reel !== 'SH010');

  it('has 15 event lines under 14 event numbers', () => {
    expect(lines).toHaveLength(15);
    expect(new Set(lines.map((l) => l.num)).size).toBe(14);
  });

  it('V1 is continuous from 01:00:00:00 for 703 frames, at the hand-computed offsets', () => {
    const cuts = v1.filter((l) => l.recOut > l.recIn);
    expect(cuts.map((l) => l.recIn - HOUR)).toEqual([0, 96, 156, 228, 282, 283, 349, 439, 487, 559, 619]);
    for (let i = 1; i < cuts.length; i++) expect(cuts[i]!.recIn).toBe(cuts[i - 1]!.recOut);
    expect(timecodeOf(cuts.at(-1)!.recOut, R)).toBe('01:00:29:07');
  });

  it('every event reads as many source frames as it lasts, except the 50 % event and the dissolve lead-in', () => {
    for (const l of lines) {
      if (l.num === '011') expect([l.srcOut - l.srcIn, l.recOut - l.recIn]).toEqual([24, 48]);
      else if (l.num === '010' && l.transition === 'C') expect([l.srcOut - l.srcIn, l.recOut - l.recIn]).toEqual([0, 0]);
      else expect(l.srcOut - l.srcIn, `event ${l.num}`).toBe(l.recOut - l.recIn);
    }
    expect(text('scene-v1.edl')).toContain('M2   B003C002       012.0                11:05:44:00');
  });

  it('the dissolve continues A002C002 from event 009 source out', () => {
    const [lead, dissolve] = lines.filter((l) => l.num === '010');
    const out009 = lines.find((l) => l.num === '009')!;
    expect(lead).toMatchObject({ reel: 'A002C002', srcIn: out009.srcOut, recIn: out009.recOut, recOut: out009.recOut });
    expect(dissolve).toMatchObject({ reel: 'A002C004', transition: 'D 024', recIn: out009.recOut });
  });

  it('plants exactly the documented conform problems against media.csv (8-frame handles)', () => {
    const media = csvRows();
    const byReel = (reel: string) => media.filter((m) => m.reel === reel);
    const handles: Record<string, [number, number]> = {};
    for (const l of lines) {
      if (l.transition === 'C' && l.num === '010') continue;
      const candidates = byReel(l.reel).filter((m) => m.start <= l.srcIn && l.srcOut <= m.end);
      if (candidates.length !== 1) continue;
      const m = candidates[0]!;
      // The dissolve reads 24 frames of A002C002 past event 009's source out.
      const extra = l.num === '009' ? 24 : 0;
      handles[l.num] = [l.srcIn - m.start, m.end - l.srcOut - extra];
    }
    expect(handles).toEqual({
      '001': [108, 535],
      '002': [228, 876],
      '003': [288, 1169],
      '004': [102, 438],
      '005': [8, 8],
      '006': [514, 670],
      '008': [207, 512],
      '009': [104, 286],
      '010': [188, 562],
      '011': [336, 600],
      '012': [300, 0],
      '014': [652, 3],
    });
    const e007 = lines.find((l) => l.num === '007')!;
    const ambiguous = byReel('B002C004').filter((m) => m.start <= e007.srcIn && e007.srcOut <= m.end);
    expect(ambiguous.map((m) => [m.file, e007.srcIn - m.start, m.end - e007.srcOut])).toEqual([
      ['B002C004_250315_R2C1.mov', 508, 1358],
      ['B002C004_250317_R2C1.mov', 988, 2078],
    ]);
    expect(byReel('C001C001')).toEqual([]);
    const flash = v1.filter((l) => l.recOut - l.recIn === 1);
    expect(flash.map((l) => [l.num, timecodeOf(l.recIn, R)])).toEqual([['008', '01:00:11:18']]);
  });
});

describe('examples/media.ale and media.csv', () => {
  it('hold the same 16 records; the ALE tape truncates to the CSV reel', () => {
    const csv = csvRows();
    const lines = text('media.ale').trimEnd().split('\r\n');
    expect(lines.slice(0, 7)).toEqual(['Heading', 'FIELD_DELIM\tTABS', 'VIDEO_FORMAT\t1080', 'AUDIO_FORMAT\t48khz', 'FPS\t23.976', '', 'Column']);
    const columns = lines[7]!.split('\t');
    const data = lines.slice(lines.indexOf('Data') + 1).map((l) => Object.fromEntries(l.split('\t').map((v, i) => [columns[i], v])));
    expect(data).toHaveLength(16);
    expect(csv).toHaveLength(16);
    data.forEach((row, i) => {
      const c = csv[i]!;
      expect([row['Name'], row['Source File'], row['Tape']!.slice(0, 8)]).toEqual([c.clip, c.file, c.reel.slice(0, 8)]);
      expect([framesOf(row['Start']!, R), framesOf(row['End']!, R), framesOf(row['Duration']!, R)]).toEqual([c.start, c.end, c.frames]);
      expect(c.end - c.start).toBe(c.frames);
    });
  });
});

describe('examples/scene-v1.xml', () => {
  const xml = text('scene-v1.xml');
  const num = (block: string, tag: string) => Number(new RegExp(`<${tag}>(-?\\d+)</${tag}>`).exec(block)?.[1]);

  it('places every clip where the EDL does', () => {
    const edl = edlLines('scene-v1.edl').filter((l) => l.recOut > l.recIn);
    const fileStart = new Map<string, number>();
    for (const m of xml.matchAll(/<file id="(file-\d+)">[\s\S]*?<frame>(\d+)<\/frame>/g)) fileStart.set(m[1]!, Number(m[2]));
    const clips = [...xml.matchAll(/<clipitem id="clipitem-\d+">([\s\S]*?)<\/clipitem>/g)].map((m) => m[1]!);
    expect(clips).toHaveLength(14);
    const dissolveStart = num(/<transitionitem>[\s\S]*?<\/transitionitem>/.exec(xml)![0], 'start');
    expect(dissolveStart).toBe(349);
    const placed = clips.map((c) => {
      const start = num(c, 'start') === -1 ? dissolveStart : num(c, 'start');
      const end = num(c, 'end') === -1 ? dissolveStart : num(c, 'end');
      const src = fileStart.get(/<file id="(file-\d+)"/.exec(c)![1]!)! + num(c, 'in');
      return [HOUR + start, HOUR + end, src];
    });
    const fromEdl = edl.map((l) => [l.recIn, l.recOut, l.srcIn]);
    expect([...placed].sort()).toEqual([...fromEdl].sort());
  });

  it('writes ticks as in/out x 10594584000', () => {
    for (const m of xml.matchAll(/<in>(\d+)<\/in>\s*<out>(\d+)<\/out>\s*<pproTicksIn>(\d+)<\/pproTicksIn>\s*<pproTicksOut>(\d+)<\/pproTicksOut>/g)) {
      expect(BigInt(m[3]!)).toBe(BigInt(m[1]!) * 10594584000n);
      expect(BigInt(m[4]!)).toBe(BigInt(m[2]!) * 10594584000n);
    }
  });
});

describe('examples/scene-v2.edl', () => {
  it('is v1 with the documented changes: 649 frames, LOC moved to 01:00:08:00', () => {
    const v2 = edlLines('scene-v2.edl').filter((l) => l.channel === 'V' && l.reel !== 'SH010' && l.recOut > l.recIn);
    expect(v2.map((l) => [l.reel, l.recIn - HOUR, l.recOut - l.recIn])).toEqual([
      ['A001C003', 0, 78],
      ['B002C001', 78, 60],
      ['B003C005', 138, 36],
      ['A001C005', 174, 60],
      ['B002C004', 234, 54],
      ['A002C008', 288, 72],
      ['A001C006', 360, 1],
      ['A002C002', 361, 66],
      ['A002C004', 427, 90],
      ['B003C002', 517, 48],
      ['A001C004', 565, 84],
    ]);
    expect(timecodeOf(v2.at(-1)!.recOut, R)).toBe('01:00:27:01');
    expect(text('scene-v2.edl')).toContain('* LOC: 01:00:08:00 YELLOW');
    expect(text('scene-v2.edl')).toContain('* FROM CLIP NAME:  SH010_comp_v012');
  });
});
