import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { eventsOf, parseXmlSafely, rangesInTrack, readFcp7Xml, writeFcp7Xml, type Clip, type XmlNode, type Stack, type Timeline, type Track, type TrackItem } from '@picturelock/core';
import { describeFixtures, fixturePath, HAVE_FIXTURES, readFixtureText } from '@picturelock/test';

/** Every file of the interchange corpus whose root element is xmeml (found by content, not extension). */
function xmemlFiles(): string[] {
  if (!HAVE_FIXTURES) return [];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.xml$/i.test(name) && /<xmeml[\s>]/.test(readFileSync(p, 'utf8').slice(0, 4000))) out.push(p);
    }
  };
  walk(fixturePath('interchange'));
  return out;
}

function read(rel: string): Timeline {
  const r = readFcp7Xml(readFixtureText(rel), { file: rel });
  expect(r.value).toHaveLength(1);
  return r.value![0]!;
}

const names = (t: Track): string[] => t.children.map((c) => (c.kind === 'gap' ? '' : c.name));
const lengths = (t: Track, r: { num: number; den: number }): (number | string)[] =>
  t.children.map((c, i) => (c.kind === 'transition' ? `in ${c.inOffset.value} / out ${c.outOffset.value}` : rangesInTrack(t, r)[i]!.duration.value));

describeFixtures('FCP7 XML corpus', () => {
  it('finds the four xmeml files of the corpus', () => {
    expect(xmemlFiles().map((p) => p.split('/interchange/')[1])).toEqual([
      'otio-fcp/hiero_xml_export.xml',
      'otio-fcp/premiere_example.xml',
      'otio-fcp/premiere_generators.xml',
      'otio-fcp/sample_just_track.xml',
    ]);
  });

  it('premiere_example.xml: 4 video and 4 audio tracks (stereo channel pairs merged), names and durations @30 as the catalog gives them', () => {
    const tl = read('interchange/otio-fcp/premiere_example.xml');
    const r = tl.rate;
    expect(r).toEqual({ num: 30, den: 1, dropFrame: false });
    expect(tl.name).toBe('sc01_sh010_layerA');
    expect(tl.tracks.map((t) => t.trackKind)).toEqual(['video', 'video', 'video', 'video', 'audio', 'audio', 'audio', 'audio']);
    const [v1, v2, v3, v4, a1, a2, a3, a4] = tl.tracks as [Track, Track, Track, Track, Track, Track, Track, Track];
    expect(names(v1)).toEqual(['', 'sc01_sh010_anim.mov']);
    expect(lengths(v1, r)).toEqual([536, 100]);
    expect(names(v2)).toEqual(['', 'sc01_sh010_anim.mov', '', 'sc01_sh020_anim.mov', 'sc01_sh030_anim.mov', 'Cross Dissolve', '', 'sc01_sh010_anim']);
    expect(lengths(v2, r)).toEqual([13, 100, 52, 157, 235, 'in 19 / out 0', 79, 320]);
    expect(v2.children.map((c) => c.kind)).toEqual(['gap', 'clip', 'gap', 'clip', 'clip', 'transition', 'gap', 'stack']);
    expect(names(v3)).toEqual(['', 'test_title']);
    expect(lengths(v3, r)).toEqual([15, 941]);
    expect(names(v4)).toEqual(['', 'sc01_master_layerA_sh030_temp.mov', 'Cross Dissolve', 'sc01_sh010_anim.mov']);
    expect(lengths(v4, r)).toEqual([956, 208, 'in 12 / out 13', 82]);
    expect(names(a1)).toEqual(['', 'sc01_sh010_anim.mov', '', 'sc01_sh010_anim.mov']);
    expect(lengths(a1, r)).toEqual([13, 100, 423, 100]);
    expect(names(a2)).toEqual(['', 'sc01_placeholder.wav', '', 'sc01_sh010_anim']);
    expect(lengths(a2, r)).toEqual([335, 170, 131, 294]);
    expect(names(a3)).toEqual(['', 'track_08.wav']);
    expect(lengths(a3, r)).toEqual([153, 198]);
    expect(names(a4)).toEqual(['', 'sc01_master_layerA_sh030_temp.mov', 'sc01_sh010_anim.mov']);
    // The catalog (OTIO's reading) gives 956, 221, 94: in the XML the first clip runs 956-1177 and
    // the second 1164-1258, so they overlap by 13 frames. OTIO stacks the lengths and plays the
    // second clip 13 frames late; we keep it at 1164 (as Premiere plays it) and cut the overlap
    // from the first, with a finding.
    expect(lengths(a4, r)).toEqual([956, 208, 94]);
    expect(rangesInTrack(a4, r)[2]!.start.value).toBe(1164);
  });

  it('premiere_example.xml: clipitem-3, markers, metadata, the nested sequence, and the overlap finding', () => {
    const text = readFixtureText('interchange/otio-fcp/premiere_example.xml');
    const res = readFcp7Xml(text, { file: 'premiere_example.xml' });
    const tl = res.value![0]!;
    const v2 = tl.tracks[1]!;
    const c3 = v2.children[3] as Clip;
    expect(c3.name).toBe('sc01_sh020_anim.mov');
    expect(rangesInTrack(v2, tl.rate)[3]).toEqual({ start: { value: 165, rate: { num: 30, den: 1 } }, duration: { value: 157, rate: { num: 30, den: 1 } } });
    expect([c3.sourceRange.start.value, c3.sourceRange.duration.value]).toEqual([0, 157]);
    expect(c3.media).toMatchObject({ kind: 'external', url: 'file://localhost/D%3a/media/sc01_sh020_anim.mov', metadata: { fcp7xml: { path: 'D:/media/sc01_sh020_anim.mov', fileId: 'file-2' } } });
    const c4 = v2.children[4] as Clip;
    expect(c4.markers.map((m) => [m.name, m.markedRange.start.value])).toEqual([['', 73]]);
    expect(tl.markers.map((m) => [m.name, m.markedRange.start.value, m.note])).toEqual([
      ['My MArker 1', 113, 'so, this happened'],
      ['dsf', 492, 'fsfsfs'],
      ['', 298, undefined],
    ]);
    expect(tl.globalStart.value).toBe(0);
    expect(tl.metadata['fcp7xml']).toMatchObject({ labels: { label2: 'Forest' }, attributes: { 'MZ.Sequence.VideoTimeDisplayFormat': '104' }, version: '4' });
    const nested = v2.children[7] as Stack;
    expect(nested.kind).toBe('stack');
    expect(nested.sourceRange).toEqual({ start: { value: 0, rate: { num: 30, den: 1 } }, duration: { value: 320, rate: { num: 30, den: 1 } } });
    expect(names(nested.children[0]!)).toEqual(['sc01_sh010_anim.mov', 'sc01_sh030_anim.mov']);
    // the audio use of the same nested sequence refers back to it by id only
    expect((tl.tracks[5]!.children[3] as Stack).children).toEqual(nested.children);
    // the gotcha: DF labels on ntsc FALSE file timecodes; the <frame> counts are used (00;04;43;15 -> 8497)
    const wav = tl.tracks[5]!.children[1] as Clip;
    expect(wav.sourceRange.start.value).toBe(8497);
    expect(res.findings.filter((f) => f.code === 'FCP7_TIMECODE_DF_NON_NTSC').map((f) => f.params['label'])).toEqual(['00;00;00;00', '00;04;43;15', '00;03;50;02']);
    expect(res.findings.filter((f) => f.code === 'FCP7_ITEM_OVERLAP').map((f) => [f.where.line, f.params['start'], f.params['previousEnd']])).toEqual([[1528, 1164, 1177]]);
  });

  it('premiere_generators.xml: six generator references Slug, Slug, Color, Slug, Slug, GraphicAndType; the first audio track has 3 items', () => {
    const tl = read('interchange/otio-fcp/premiere_generators.xml');
    expect(tl.name).toBe('Generators');
    expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    const v1 = tl.tracks[0]!;
    expect(v1.children.map((c) => (c.kind === 'clip' && c.media.kind === 'generator' ? c.media.generatorKind : c.kind))).toEqual(['Slug', 'Slug', 'Color', 'Slug', 'Slug', 'GraphicAndType']);
    expect(tl.tracks[3]!.trackKind).toBe('audio');
    expect(tl.tracks[3]!.children.map((c) => c.kind)).toEqual(['clip', 'gap', 'clip']);
    expect(rangesInTrack(v1, tl.rate).at(-1)!.start.value + rangesInTrack(v1, tl.rate).at(-1)!.duration.value).toBe(856);
  });

  it('hiero_xml_export.xml: xmeml v5 at 01:00:00:00, "Video 1", A160C005 at source 12:44:37:23, "/" with missing media', () => {
    const tl = read('interchange/otio-fcp/hiero_xml_export.xml');
    expect(tl.globalStart.value).toBe(86400);
    expect(tl.tracks[0]!.name).toBe('Video 1');
    const clips = tl.tracks[0]!.children.filter((c): c is Clip => c.kind === 'clip');
    const r24 = { num: 24, den: 1 };
    expect(clips[0]!.name).toBe('A160C005_171213_R0MN');
    expect(clips[0]!.media.kind).toBe('external');
    expect(clips[0]!.sourceRange).toEqual({ start: { value: 1101071, rate: r24 }, duration: { value: 1055, rate: r24 } });
    expect(clips[0]!.media.availableRange).toEqual(clips[0]!.sourceRange);
    expect(clips[1]!.name).toBe('/');
    expect(clips[1]!.media.kind).toBe('missing');
    expect(clips[1]!.media.availableRange).toEqual({ start: { value: 0, rate: r24 }, duration: { value: 1, rate: r24 } });
    const ev = eventsOf(tl)[0]!;
    expect([ev.recordIn, ev.sourceIn]).toEqual(['01:00:00:14', '12:44:37:23']);
  });

  it('sample_just_track.xml: a sequence with an empty <media> reads as a timeline with no tracks', () => {
    const tl = read('interchange/otio-fcp/sample_just_track.xml');
    expect([tl.name, tl.tracks.length, tl.rate.num]).toEqual(['sc01_sh010_layerA', 0, 30]);
  });

  it('the Time Remap filter fragment (speed 100, reverse TRUE) reads as time scalar -1 inside a clipitem', () => {
    const filter = readFixtureText('interchange/otio-fcp/premiere_example_filter.xml').replace(/^<\?xml[^>]*\?>/, '');
    const xml = `<xmeml version="4"><sequence><rate><timebase>24</timebase><ntsc>FALSE</ntsc></rate><media><video><track><clipitem><name>r</name><start>0</start><end>24</end><in>0</in><out>24</out>${filter}</clipitem></track></video></media></sequence></xmeml>`;
    const c = readFcp7Xml(xml).value![0]!.tracks[0]!.children[0] as Clip;
    expect(c.effects).toMatchObject([{ kind: 'linearTimeWarp', name: 'Time Remap', timeScalar: { num: -1, den: 1 } }]);
    expect(c.sourceRange.start.value).toBe(23);
  });

  it('what we write for premiere_example.xml follows the element structure of Premiere\'s own export', () => {
    const original = readFixtureText('interchange/otio-fcp/premiere_example.xml');
    const written = writeFcp7Xml(readFcp7Xml(original).value![0]!).text;
    // For each element kind: the child element names in first-seen order, over the whole document.
    const childOrder = (xml: string): Map<string, string[]> => {
      const out = new Map<string, string[]>();
      const walk = (n: XmlNode): void => {
        const list = out.get(n.name) ?? [];
        for (const c of n.children) if (!list.includes(c.name)) list.push(c.name);
        out.set(n.name, list);
        n.children.forEach(walk);
      };
      walk(parseXmlSafely(xml).value!.root);
      return out;
    };
    const theirs = childOrder(original);
    const ours = childOrder(written);
    for (const el of ['xmeml', 'sequence', 'media', 'video', 'audio', 'track', 'clipitem', 'file', 'timecode', 'transitionitem', 'effect', 'marker', 'rate', 'sourcetrack']) {
      const t = theirs.get(el)!;
      const o = ours.get(el)!;
      // no element Premiere does not write there, and the shared ones in Premiere's order
      expect(o.filter((n) => !t.includes(n)), el).toEqual([]);
      const shared = t.filter((n) => o.includes(n));
      expect(o.filter((n) => shared.includes(n)), el).toEqual(shared);
    }
    expect(written.slice(0, 80)).toBe(original.slice(0, 80).replace(/\r/g, ''));
  });

  for (const path of xmemlFiles()) {
    const rel = path.split('/interchange/')[1]!;
    it(`round trip ${rel}: read, write, read gives the same timeline`, () => {
      const first = readFcp7Xml(readFileSync(path, 'utf8')).value!;
      for (const tl of first) {
        const w = writeFcp7Xml(tl);
        const again = readFcp7Xml(w.text);
        expect(again.findings.filter((f) => f.severity === 'error')).toEqual([]);
        expect(again.value![0]).toEqual(tl);
      }
    });
  }

  it('mutated corpus files (truncated, bytes flipped, lines shuffled or duplicated, huge numbers) never throw', () => {
    const texts = xmemlFiles().map((p) => readFileSync(p, 'utf8'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 65535 }),
        (which, kind, pos, code) => {
          const t = texts[which]!;
          const at = pos % Math.max(1, t.length);
          const lines = t.split('\n');
          const li = pos % lines.length;
          const mutated = [
            t.slice(0, at),
            t.slice(0, at) + String.fromCharCode(code) + t.slice(at + 1),
            [...lines.slice(li), ...lines.slice(0, li)].join('\n'),
            [...lines.slice(0, li), lines[li], ...lines.slice(li)].join('\n'),
            t.replace(/<(start|end|in|out|frame|timebase)>[^<]*</g, (_m, tag: string) => `<${tag}>${'9'.repeat(1 + (code % 40))}<`),
          ][kind]!;
          const r = readFcp7Xml(mutated);
          expect(r.value !== undefined || r.findings.length > 0).toBe(true);
          if (kind === 0 && at < t.trimEnd().length - 1) expect(r.findings.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('FCP7 XML written by hand', () => {
  const seq = (rate: string, tc: string, items: string): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE xmeml>\n<xmeml version="4"><sequence id="s"><name>own</name>${rate}<media><video><track>${items}</track></video></media><timecode>${rate}${tc}</timecode></sequence></xmeml>`;

  it('a 29.97 DF sequence at 01:00:00;00: a clip at record frame 1800 is 01:01:00;02, its source 00:10:00;00 + in 18 is 00:10:00;18', () => {
    const rate = '<rate><timebase>30</timebase><ntsc>TRUE</ntsc></rate>';
    // 00:10:00;00 DF = 10 min * 1798.2 = 17982 frames; 01:00:00;00 DF = 107892.
    const file = `<file id="f"><name>f.mov</name><pathurl>file://localhost/Volumes/A%20B/f.mov</pathurl>${rate}<duration>9000</duration><timecode>${rate}<string>00:10:00;00</string><frame>17982</frame><displayformat>DF</displayformat></timecode></file>`;
    const xml = seq(rate, '<string>01:00:00;00</string><frame>107892</frame><displayformat>DF</displayformat>', `<clipitem id="c"><name>c</name><start>1800</start><end>1830</end><in>18</in><out>48</out>${file}</clipitem>`);
    const tl = readFcp7Xml(xml).value![0]!;
    expect(tl.rate).toEqual({ num: 30000, den: 1001, dropFrame: true });
    const ev = eventsOf(tl)[0]!;
    expect([ev.recordIn, ev.recordOut, ev.sourceIn, ev.sourceOut]).toEqual(['01:01:00;02', '01:01:01;02', '00:10:00;18', '00:10:01;18']);
    expect(((tl.tracks[0]!.children[1] as Clip).media.metadata as { fcp7xml: { path: string } }).fcp7xml.path).toBe('/Volumes/A B/f.mov');
    expect(readFcp7Xml(writeFcp7Xml(tl).text).value![0]).toEqual(tl);
  });

  it('a 59.94 NDF sequence at 00:59:59:00: timebase 60 + ntsc TRUE, two clips with a gap, read and round-tripped', () => {
    const rate = '<rate><timebase>60</timebase><ntsc>TRUE</ntsc></rate>';
    const ci = (id: string, s: number, e: number): string => `<clipitem id="${id}"><name>${id}</name><start>${s}</start><end>${e}</end><in>0</in><out>${e - s}</out></clipitem>`;
    const xml = seq(rate, '<string>00:59:59:00</string><frame>215940</frame><displayformat>NDF</displayformat>', ci('a', 0, 120) + ci('b', 180, 300));
    const tl = readFcp7Xml(xml).value![0]!;
    expect(tl.rate).toEqual({ num: 60000, den: 1001, dropFrame: false });
    expect(eventsOf(tl).map((e) => [e.recordIn, e.recordOut])).toEqual([
      ['00:59:59:00', '01:00:01:00'],
      ['01:00:02:00', '01:00:04:00'],
    ]);
    expect(readFcp7Xml(writeFcp7Xml(tl).text).value![0]).toEqual(tl);
  });

  it('refuses entity expansion (billion laughs) and deep nesting with findings, not a hang', () => {
    const lol = `<?xml version="1.0"?>\n<!DOCTYPE xmeml [\n${Array.from({ length: 10 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('\n')}\n<!ENTITY l0 "lol">]>\n<xmeml version="4"><sequence><name>&l10;</name></sequence></xmeml>`;
    const bomb = readFcp7Xml(lol, { file: 'lol.xml' });
    expect(bomb.value).toBeUndefined();
    expect(bomb.findings.map((f) => [f.code, f.where.file, f.where.line])).toEqual([['XML_ENTITY_DECLARED', 'lol.xml', 2]]);
    const deep = `<xmeml version="4"><sequence>${'<media>'.repeat(5000)}</sequence></xmeml>`;
    const d = readFcp7Xml(deep);
    expect(d.value).toBeUndefined();
    expect(d.findings.map((f) => f.code)).toEqual(['XML_LIMIT_EXCEEDED']);
  });

  it('random track layouts survive write and read unchanged (property)', () => {
    const r = { num: 24, den: 1 };
    const itemArb = fc.oneof(
      fc.record({ kind: fc.constant('clip' as const), len: fc.integer({ min: 1, max: 500 }), src: fc.integer({ min: 0, max: 100000 }), file: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('gap' as const), len: fc.integer({ min: 1, max: 200 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(itemArb, { maxLength: 8 }), { minLength: 1, maxLength: 3 }), (layout) => {
        const tracks: Track[] = layout.map((items) => ({
          kind: 'track',
          name: '',
          trackKind: 'video',
          enabled: true,
          markers: [],
          metadata: {},
          children: items
            .filter((it, i) => it.kind === 'clip' || items[i - 1]?.kind !== 'gap')
            .filter((it, i, arr) => it.kind === 'clip' || i < arr.length - 1)
            .map((it): TrackItem =>
              it.kind === 'gap'
                ? { kind: 'gap', name: '', sourceRange: { start: { value: 0, rate: r }, duration: { value: it.len, rate: r } }, markers: [], metadata: {} }
                : {
                    kind: 'clip',
                    name: `f${it.file}`,
                    sourceRange: { start: { value: it.src, rate: r }, duration: { value: it.len, rate: r } },
                    media: { kind: 'external', url: `file://localhost/m/f${it.file}.mov`, name: `f${it.file}.mov`, availableRange: { start: { value: 0, rate: r }, duration: { value: 200000, rate: r } }, metadata: { fcp7xml: { fileId: `file-${it.file + 1}`, path: `/m/f${it.file}.mov` } } },
                    enabled: true,
                    markers: [],
                    effects: [],
                    metadata: {},
                    sourceFile: `f${it.file}.mov`,
                  },
            ),
        }));
        const tl: Timeline = { kind: 'timeline', name: 'p', rate: { ...r, dropFrame: false }, globalStart: { value: 86400, rate: r }, tracks, markers: [], metadata: { fcp7xml: { version: '4' } } };
        const back = readFcp7Xml(writeFcp7Xml(tl).text).value![0]!;
        expect(back.tracks.map((t) => t.children)).toEqual(tl.tracks.map((t) => t.children));
      }),
      { numRuns: 150 },
    );
  });
});
