import { describe, expect, it } from 'vitest';
import { readFcp7Xml } from '../../../interchange/fcp7xml/index.ts';
import type { Clip, Stack, Timeline } from '../../../timeline/index.ts';

/** A minimal xmeml around one sequence; `video`/`audio` are the inner track XML. */
function xmeml(opts: { timebase: number; ntsc: boolean; tc?: { string: string; frame: number; df: boolean }; video?: string; audio?: string; extra?: string }): string {
  const rate = `<rate><timebase>${opts.timebase}</timebase><ntsc>${opts.ntsc ? 'TRUE' : 'FALSE'}</ntsc></rate>`;
  const tc = opts.tc ? `<timecode>${rate}<string>${opts.tc.string}</string><frame>${opts.tc.frame}</frame><displayformat>${opts.tc.df ? 'DF' : 'NDF'}</displayformat></timecode>` : '';
  return `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n<xmeml version="4"><sequence id="sequence-1"><name>Test</name>${rate}<media><video>${opts.video ?? ''}</video><audio>${opts.audio ?? ''}</audio></media>${tc}${opts.extra ?? ''}</sequence></xmeml>`;
}

function fileXml(id: string, opts: { timebase: number; ntsc: boolean; tcFrame: number; tcString: string; df?: boolean; reel?: string; url?: string; duration?: number }): string {
  const rate = `<rate><timebase>${opts.timebase}</timebase><ntsc>${opts.ntsc ? 'TRUE' : 'FALSE'}</ntsc></rate>`;
  return `<file id="${id}"><name>${id}.mov</name><pathurl>${opts.url ?? `file://localhost/D%3a/media/${id}.mov`}</pathurl>${rate}<duration>${opts.duration ?? 10000}</duration><timecode>${rate}<string>${opts.tcString}</string><frame>${opts.tcFrame}</frame><displayformat>${opts.df ? 'DF' : 'NDF'}</displayformat>${opts.reel !== undefined ? `<reel><name>${opts.reel}</name></reel>` : ''}</timecode></file>`;
}

function clipitem(name: string, r: { timebase: number; ntsc: boolean }, start: number, end: number, inF: number, outF: number, inner: string): string {
  return `<clipitem id="ci-${name}"><name>${name}</name><enabled>TRUE</enabled><rate><timebase>${r.timebase}</timebase><ntsc>${r.ntsc ? 'TRUE' : 'FALSE'}</ntsc></rate><start>${start}</start><end>${end}</end><in>${inF}</in><out>${outF}</out>${inner}</clipitem>`;
}

function only(xml: string): Timeline {
  const r = readFcp7Xml(xml);
  expect(r.value).toHaveLength(1);
  return r.value![0]!;
}

const r2997 = { timebase: 30, ntsc: true };
const r24 = { timebase: 24, ntsc: false };

describe('readFcp7Xml rates and timecode', () => {
  it('reads timebase 30 + ntsc TRUE with a DF sequence timecode as 30000/1001 DF starting at 01:00:00;00 = frame 107892', () => {
    const tl = only(xmeml({ ...r2997, tc: { string: '01:00:00;00', frame: 107892, df: true } }));
    expect(tl.rate).toEqual({ num: 30000, den: 1001, dropFrame: true });
    expect(tl.globalStart.value).toBe(107892);
  });

  it('reads timebase 60 + ntsc TRUE as 60000/1001 and 24 + ntsc TRUE as 24000/1001', () => {
    expect(only(xmeml({ timebase: 60, ntsc: true })).rate).toEqual({ num: 60000, den: 1001, dropFrame: false });
    expect(only(xmeml({ timebase: 24, ntsc: true })).rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
  });

  it('puts the source timecode into the source range: 01:00:00:00 + in 48 at 24 fps is source frame 86448', () => {
    const file = fileXml('A001C003', { ...r24, tcFrame: 86400, tcString: '01:00:00:00', reel: 'A001' });
    const tl = only(xmeml({ ...r24, video: `<track>${clipitem('A001C003', r24, 0, 24, 48, 72, file)}</track>` }));
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.sourceRange).toEqual({ start: { value: 86448, rate: { num: 24, den: 1 } }, duration: { value: 24, rate: { num: 24, den: 1 } } });
    expect(c.reel).toBe('A001');
    expect(c.media).toMatchObject({ kind: 'external', url: 'file://localhost/D%3a/media/A001C003.mov', availableRange: { start: { value: 86400 }, duration: { value: 10000 } } });
    expect((c.media.metadata as { fcp7xml: { path: string } }).fcp7xml.path).toBe('D:/media/A001C003.mov');
  });

  it('reads a DF source timecode string when <frame> is absent (00:01:00;02 at 29.97 DF is frame 1800)', () => {
    const file = '<file id="f"><name>f</name><pathurl>file://localhost/f.mov</pathurl><rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate><timecode><rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate><string>00:01:00;02</string><displayformat>DF</displayformat></timecode></file>';
    const tl = only(xmeml({ ...r2997, video: `<track>${clipitem('f', r2997, 0, 10, 0, 10, file)}</track>` }));
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.sourceRange.start.value).toBe(1800);
    expect(c.media.metadata?.['dropFrame']).toBe(true);
  });
});

describe('readFcp7Xml structure', () => {
  it('shares <file> definitions by id and reports an id that is never defined', () => {
    const full = fileXml('f1', { ...r24, tcFrame: 0, tcString: '00:00:00:00' });
    const xml = xmeml({
      ...r24,
      video: `<track>${clipitem('a', r24, 0, 10, 0, 10, full)}${clipitem('b', r24, 10, 20, 5, 15, '<file id="f1"/>')}${clipitem('c', r24, 20, 30, 0, 10, '<file id="nope"/>')}</track>`,
    });
    const r = readFcp7Xml(xml);
    const [a, b, c] = r.value![0]!.tracks[0]!.children as Clip[];
    expect(b!.media).toEqual(a!.media);
    expect(b!.sourceRange.start.value).toBe(5);
    expect(c!.media.kind).toBe('missing');
    expect(r.findings.map((f) => [f.code, f.params['id']])).toEqual([['FCP7_REFERENCE_UNKNOWN', 'nope']]);
  });

  it('places clips around a centred transition without cutPointTicks: 25 frames split 12 / 13', () => {
    const f = fileXml('f', { ...r24, tcFrame: 0, tcString: '00:00:00:00' });
    const tr = '<transitionitem><start>88</start><end>113</end><alignment>center</alignment><effect><name>Cross Dissolve</name><effectid>Cross Dissolve</effectid><effectcategory>Dissolve</effectcategory></effect></transitionitem>';
    const xml = xmeml({ ...r24, video: `<track>${clipitem('a', r24, 0, -1, 0, 113, f)}${tr}${clipitem('b', r24, -1, 150, 38, 100, '<file id="f"/>')}</track>` });
    const items = only(xml).tracks[0]!.children;
    expect(items.map((i) => i.kind)).toEqual(['clip', 'transition', 'clip']);
    const [a, t, b] = items as [Clip, { inOffset: { value: number }; outOffset: { value: number }; transitionType: string }, Clip];
    expect(a.sourceRange.duration.value).toBe(100);
    expect([t.inOffset.value, t.outOffset.value, t.transitionType]).toEqual([12, 13, 'dissolve']);
    // b's XML in (38) is at the transition start (88); its cut is 12 frames later.
    expect([b.sourceRange.start.value, b.sourceRange.duration.value]).toEqual([50, 50]);
  });

  it('reads Time Remap 50% as an exact 1/2 time warp measured from in/out', () => {
    const f = fileXml('f', { ...r24, tcFrame: 86400, tcString: '01:00:00:00' });
    const remap = '<filter><effect><name>Time Remap</name><effectid>timeremap</effectid><parameter><parameterid>speed</parameterid><value>50</value></parameter><parameter><parameterid>reverse</parameterid><value>FALSE</value></parameter></effect></filter>';
    const tl = only(xmeml({ ...r24, video: `<track>${clipitem('slow', r24, 0, 48, 10, 34, f + remap)}</track>` }));
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.effects).toMatchObject([{ kind: 'linearTimeWarp', timeScalar: { num: 1, den: 2 } }]);
    expect([c.sourceRange.start.value, c.sourceRange.duration.value]).toEqual([86410, 48]);
  });

  it('reads a reversed 100% clip as time scalar -1 starting on its last source frame', () => {
    const f = fileXml('f', { ...r24, tcFrame: 0, tcString: '00:00:00:00' });
    const remap = '<filter><effect><name>Time Remap</name><effectid>timeremap</effectid><parameter><parameterid>speed</parameterid><value>100</value></parameter><parameter><parameterid>reverse</parameterid><value>TRUE</value></parameter></effect></filter>';
    const c = only(xmeml({ ...r24, video: `<track>${clipitem('rev', r24, 0, 24, 100, 124, f + remap)}</track>` })).tracks[0]!.children[0] as Clip;
    expect(c.effects).toMatchObject([{ kind: 'linearTimeWarp', timeScalar: { num: -1, den: 1 } }]);
    expect(c.sourceRange.start.value).toBe(123);
  });

  it('reads clip and sequence markers with Premiere colours (pproColor is 0xAABBGGRR)', () => {
    const f = fileXml('f', { ...r24, tcFrame: 86400, tcString: '01:00:00:00' });
    const marker = '<marker><comment>fix</comment><name>M1</name><in>12</in><out>-1</out><pproColor>4281740498</pproColor></marker>';
    const tl = only(xmeml({ ...r24, video: `<track>${clipitem('a', r24, 0, 24, 0, 24, f + marker)}</track>`, extra: '<marker><comment></comment><name>S</name><in>5</in><out>7</out></marker>' }));
    const c = tl.tracks[0]!.children[0] as Clip;
    expect(c.markers).toMatchObject([{ name: 'M1', note: 'fix', color: 'red', markedRange: { start: { value: 86412 }, duration: { value: 0 } } }]);
    expect(tl.markers).toMatchObject([{ name: 'S', color: 'green', markedRange: { start: { value: 5 }, duration: { value: 2 } } }]);
  });

  it('reads a disabled clip and a generatoritem', () => {
    const gen = '<generatoritem id="g"><name>Blue Matte</name><enabled>FALSE</enabled><start>0</start><end>10</end><in>0</in><out>10</out><rate><timebase>24</timebase><ntsc>FALSE</ntsc></rate><effect><name>Color</name><effectid>Color</effectid><effectcategory>Matte</effectcategory><effecttype>generator</effecttype><parameter><parameterid>fillcolor</parameterid><value><red>0</red><blue>255</blue></value></parameter></effect></generatoritem>';
    const c = only(xmeml({ ...r24, video: `<track>${gen}</track>` })).tracks[0]!.children[0] as Clip;
    expect(c.enabled).toBe(false);
    expect(c.media).toMatchObject({ kind: 'generator', generatorKind: 'Color', parameters: { fillcolor: { red: '0', blue: '255' } } });
  });

  it('reads a nested sequence as a Stack and a self-nesting one with a finding', () => {
    const inner = `<sequence id="s2"><name>inner</name><rate><timebase>24</timebase><ntsc>FALSE</ntsc></rate><media><video><track>${clipitem('x', r24, 0, 48, 0, 48, '<sequence id="s2"/>')}</track></video></media></sequence>`;
    const r = readFcp7Xml(xmeml({ ...r24, video: `<track>${clipitem('nest', r24, 0, 48, 0, 48, inner)}</track>` }));
    const s = r.value![0]!.tracks[0]!.children[0] as Stack;
    expect(s.kind).toBe('stack');
    expect(s.children[0]!.children[0]).toMatchObject({ kind: 'stack', name: 'x', children: [] });
    expect(r.findings.map((f) => f.code)).toEqual(['FCP7_NESTING_CYCLE']);
  });

  it('merges a mirrored exploded stereo pair into one track with channelTracks 2', () => {
    const f = fileXml('f', { ...r24, tcFrame: 0, tcString: '00:00:00:00' });
    const ch = (i: number): string =>
      `<track currentExplodedTrackIndex="${i}" totalExplodedTrackCount="2" premiereTrackType="Stereo">${clipitem('a', r24, 0, 10, 0, 10, i === 0 ? f : '<file id="f"/>')}<outputchannelindex>${i + 1}</outputchannelindex></track>`;
    const tl = only(xmeml({ ...r24, audio: ch(0) + ch(1) }));
    expect(tl.tracks).toHaveLength(1);
    expect(tl.tracks[0]!.metadata['fcp7xml']).toMatchObject({ channelTracks: 2, attributes: { premiereTrackType: 'Stereo' } });
  });

  it('returns several timelines for several top-level sequences, and [] with a finding for none', () => {
    const two = '<xmeml version="5"><sequence><name>A</name><rate><timebase>25</timebase></rate></sequence><project><children><sequence><name>B</name><rate><timebase>25</timebase></rate></sequence></children></project></xmeml>';
    expect(readFcp7Xml(two).value!.map((t) => t.name)).toEqual(['A', 'B']);
    const none = readFcp7Xml('<xmeml version="5"/>');
    expect(none.value).toEqual([]);
    expect(none.findings.map((f) => f.code)).toEqual(['FCP7_NO_SEQUENCE']);
    expect(readFcp7Xml('<fcpxml/>').findings.map((f) => f.code)).toEqual(['FCP7_ROOT_NOT_XMEML']);
  });
});

describe('readFcp7Xml Premiere ticks', () => {
  it('uses pproTicksIn/Out when in/out are missing (1058400000000 ticks at 24 fps is frame 100)', () => {
    const xml = xmeml({ ...r24, video: '<track><clipitem><name>t</name><start>0</start><end>10</end><pproTicksIn>1058400000000</pproTicksIn><pproTicksOut>1164240000000</pproTicksOut></clipitem></track>' });
    const c = only(xml).tracks[0]!.children[0] as Clip;
    expect([c.sourceRange.start.value, c.sourceRange.duration.value]).toEqual([100, 10]);
  });
});
