import { describe, expect, it } from 'vitest';
import { readFcp7Xml, writeFcp7Xml } from '../../../interchange/fcp7xml/index.ts';
import { parseXmlSafely, xmlChild, xmlChildren, xmlText, type XmlNode } from '../../../interchange/xml.ts';
import { clip, gap, timeline, track, transition, type MediaReference } from '../../../timeline/index.ts';
import { range } from '../../../time/index.ts';

const ntsc30 = { num: 30000, den: 1001 };
const ntsc60 = { num: 60000, den: 1001 };

function media(name: string, start: number, length: number, r: { num: number; den: number }, dropFrame: boolean): MediaReference {
  return { kind: 'external', url: `file://localhost/D%3a/media/${name}.mov`, name: `${name}.mov`, availableRange: range(start, length, r), metadata: dropFrame ? { dropFrame: true } : {} };
}

function doc(text: string): XmlNode {
  const p = parseXmlSafely(text);
  expect(p.findings).toEqual([]);
  return p.value!.root;
}

describe('writeFcp7Xml', () => {
  it('writes a 29.97 DF sequence: timebase 30 + ntsc TRUE, DF timecode 01:00:00;00 = frame 107892, and reads it back identically', () => {
    // Source: 01:00:10;00 DF is frame 107892 + 10 s (299.7 frames -> 300 labels, 0 drops in the first minute past the hour) = 108192.
    const m = media('A001C001', 108192, 3000, ntsc30, true);
    const tl = timeline({
      name: 'DF 29.97',
      rate: { ...ntsc30, dropFrame: true },
      startFrame: 107892,
      tracks: [
        track({ name: '', trackKind: 'video', children: [clip({ name: 'A001C001', sourceRange: range(108192 + 30, 1800, ntsc30), media: m, reel: 'A001' }), gap(12, ntsc30), clip({ name: 'A001C001', sourceRange: range(108192 + 2000, 60, ntsc30), media: m })] }),
        track({ name: '', trackKind: 'audio', children: [clip({ name: 'A001C001', sourceRange: range(108192 + 30, 1800, ntsc30), media: m, reel: 'A001' })] }),
      ],
    });
    const w = writeFcp7Xml(tl);
    expect(w.findings).toEqual([]);
    const root = doc(w.text);
    expect(w.text.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n<xmeml version="4">')).toBe(true);
    const seq = xmlChild(root, 'sequence')!;
    expect([xmlText(seq, 'rate', 'timebase'), xmlText(seq, 'rate', 'ntsc')]).toEqual(['30', 'TRUE']);
    expect([xmlText(seq, 'timecode', 'string'), xmlText(seq, 'timecode', 'frame'), xmlText(seq, 'timecode', 'displayformat')]).toEqual(['01:00:00;00', '107892', 'DF']);
    expect(xmlText(seq, 'duration')).toBe('1872');
    const v1 = xmlChildren(xmlChild(xmlChild(seq, 'media'), 'video'), 'track')[0]!;
    const items = xmlChildren(v1, 'clipitem');
    expect(items.map((c) => [xmlText(c, 'start'), xmlText(c, 'end'), xmlText(c, 'in'), xmlText(c, 'out')])).toEqual([
      ['0', '1800', '30', '1830'],
      ['1812', '1872', '2000', '2060'],
    ]);
    // first use defines the file in full (timecode 01:00:10;00 DF, reel A001), the second refers back by id
    const file = xmlChild(items[0], 'file')!;
    expect([file.attrs['id'], xmlText(file, 'timecode', 'string'), xmlText(file, 'timecode', 'displayformat'), xmlText(file, 'timecode', 'reel', 'name')]).toEqual(['file-1', '01:00:10;00', 'DF', 'A001']);
    expect(xmlChild(items[1], 'file')!.children).toEqual([]);
    // 30 frames at 30000/1001 is 1.001 s = 254270016000 ticks
    expect(xmlText(items[0], 'pproTicksIn')).toBe('254270016000');
    // the audio track is a stereo pair of channel tracks
    const audioTracks = xmlChildren(xmlChild(xmlChild(seq, 'media'), 'audio'), 'track');
    expect(audioTracks.map((t) => [t.attrs['currentExplodedTrackIndex'], t.attrs['totalExplodedTrackCount'], xmlText(t, 'outputchannelindex'), xmlText(xmlChild(t, 'clipitem'), 'sourcetrack', 'trackindex')])).toEqual([
      ['0', '2', '1', '1'],
      ['1', '2', '2', '2'],
    ]);
    const back = readFcp7Xml(w.text).value![0]!;
    expect(back.rate).toEqual(tl.rate);
    expect(back.globalStart).toEqual(tl.globalStart);
    // xmeml keeps the reel on the file, so the second use of the same file carries it too.
    expect(back.tracks[0]!.children.map((c) => c.kind === 'clip' ? [c.sourceRange.start.value, c.sourceRange.duration.value, c.reel] : c.kind === 'gap' ? c.sourceRange.duration.value : c.kind)).toEqual([[108222, 1800, 'A001'], 12, [110192, 60, 'A001']]);
    expect(back.tracks).toHaveLength(2);
    expect(readFcp7Xml(writeFcp7Xml(back).text).value![0]).toEqual(back);
  });

  it('writes a 59.94 DF sequence: timebase 60 + ntsc TRUE, 01:00:00;00 = frame 215784', () => {
    const m = media('B001', 215784, 600, ntsc60, true);
    const tl = timeline({ name: '59.94', rate: { ...ntsc60, dropFrame: true }, startFrame: 215784, tracks: [track({ name: '', trackKind: 'video', children: [clip({ name: 'B001', sourceRange: range(215784 + 120, 240, ntsc60), media: m })] })] });
    const w = writeFcp7Xml(tl);
    const seq = xmlChild(doc(w.text), 'sequence')!;
    expect([xmlText(seq, 'rate', 'timebase'), xmlText(seq, 'rate', 'ntsc'), xmlText(seq, 'timecode', 'string'), xmlText(seq, 'timecode', 'frame')]).toEqual(['60', 'TRUE', '01:00:00;00', '215784']);
    const ci = xmlChild(xmlChildren(xmlChild(xmlChild(seq, 'media'), 'video'), 'track')[0], 'clipitem')!;
    expect([xmlText(ci, 'in'), xmlText(ci, 'out'), xmlText(ci, 'file', 'timecode', 'string')]).toEqual(['120', '360', '01:00:00;00']);
    const back = readFcp7Xml(w.text).value![0]!;
    expect(back.rate).toEqual({ num: 60000, den: 1001, dropFrame: true });
    expect((back.tracks[0]!.children[0] as { sourceRange: unknown }).sourceRange).toEqual(range(215904, 240, ntsc60));
  });

  it('writes -1 at a transition, clip in/out spanning it, and cutPointTicks; reads back the same cut', () => {
    const r = { num: 24, den: 1 };
    const m = media('C', 0, 1000, r, false);
    const tl = timeline({
      name: 'T',
      rate: { ...r, dropFrame: false },
      tracks: [track({ name: '', trackKind: 'video', children: [clip({ name: 'a', sourceRange: range(100, 48, r), media: m }), transition({ transitionType: 'dissolve', name: 'Cross Dissolve', inFrames: 6, outFrames: 6, rate: r }), clip({ name: 'b', sourceRange: range(500, 24, r), media: m })] })],
    });
    const w = writeFcp7Xml(tl);
    const t = xmlChildren(xmlChild(xmlChild(xmlChild(doc(w.text), 'sequence'), 'media'), 'video'), 'track')[0]!;
    const [a, b] = xmlChildren(t, 'clipitem');
    const tr = xmlChild(t, 'transitionitem')!;
    expect([xmlText(a, 'start'), xmlText(a, 'end'), xmlText(a, 'in'), xmlText(a, 'out')]).toEqual(['0', '-1', '100', '154']);
    expect([xmlText(tr, 'start'), xmlText(tr, 'end'), xmlText(tr, 'alignment'), xmlText(tr, 'cutPointTicks')]).toEqual(['42', '54', 'center', String(254016000000 / 4)]);
    expect([xmlText(b, 'start'), xmlText(b, 'end'), xmlText(b, 'in'), xmlText(b, 'out')]).toEqual(['-1', '72', '494', '524']);
    const back = readFcp7Xml(w.text).value![0]!;
    expect(back.tracks[0]!.children.map((c) => c.kind === 'transition' ? [c.inOffset.value, c.outOffset.value] : [c.sourceRange?.start.value, c.sourceRange?.duration.value])).toEqual([[100, 48], [6, 6], [500, 24]]);
  });

  it('writes speed as the Time Remap filter with the percent and reads the exact ratio back', () => {
    const r = { num: 25, den: 1 };
    const m = media('D', 0, 1000, r, false);
    const tl = timeline({ name: 'S', rate: { ...r, dropFrame: false }, tracks: [track({ name: '', trackKind: 'video', children: [clip({ name: 'd', sourceRange: range(10, 50, r), media: m, effects: [{ kind: 'linearTimeWarp', name: 'Time Remap', timeScalar: { num: 2, den: 1 } }] })] })] });
    const w = writeFcp7Xml(tl);
    const ci = xmlChild(xmlChildren(xmlChild(xmlChild(xmlChild(doc(w.text), 'sequence'), 'media'), 'video'), 'track')[0], 'clipitem')!;
    const effect = xmlChild(xmlChild(ci, 'filter'), 'effect')!;
    const speed = xmlChildren(effect, 'parameter').find((p) => xmlText(p, 'parameterid') === 'speed');
    expect([xmlText(effect, 'effectid'), xmlText(speed, 'value'), xmlText(ci, 'in'), xmlText(ci, 'out')]).toEqual(['timeremap', '200', '10', '110']);
    expect((readFcp7Xml(w.text).value![0]!.tracks[0]!.children[0] as { effects: unknown }).effects).toMatchObject([{ kind: 'linearTimeWarp', timeScalar: { num: 2, den: 1 } }]);
  });

  it('escapes names and writes marker colours other than green as pproColor (Premiere red is 4281740498)', () => {
    const r = { num: 24, den: 1 };
    const tl = timeline({
      name: 'A & B <cut>',
      rate: { ...r, dropFrame: false },
      tracks: [],
      markers: [{ name: 'note "x"', color: 'red', markedRange: range(10, 0, r) }, { name: 'ok', color: 'green', markedRange: range(20, 0, r) }],
    });
    const w = writeFcp7Xml(tl);
    const seq = xmlChild(doc(w.text), 'sequence')!;
    expect(xmlText(seq, 'name')).toBe('A & B <cut>');
    expect(xmlChildren(seq, 'marker').map((m) => [xmlText(m, 'name'), xmlText(m, 'pproColor')])).toEqual([['note "x"', '4281740498'], ['ok', undefined]]);
    expect(readFcp7Xml(w.text).value![0]!.markers.map((m) => m.color)).toEqual(['red', 'green']);
  });
  it('reports what xmeml cannot carry: a track marker', () => {
    const r = { num: 25, den: 1 };
    const tl = timeline({ name: 'M', rate: { ...r, dropFrame: false }, tracks: [track({ name: 'V1', trackKind: 'video', children: [], markers: [{ name: 'on track', color: 'blue', markedRange: range(5, 0, r) }] })] });
    const w = writeFcp7Xml(tl);
    expect(w.findings.map((f) => [f.code, f.message])).toEqual([['FCP7_WRITE_MARKER_DROPPED', 'marker "on track" on track V1 was not written: xmeml tracks carry no markers']]);
  });
});
