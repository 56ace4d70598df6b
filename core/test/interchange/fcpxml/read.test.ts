import { describe, expect, it } from 'vitest';
import { readFcpxml } from '../../../interchange/fcpxml/read.ts';
import type { Clip, Stack, Timeline, Track } from '../../../timeline/index.ts';

const ASSETS = `
    <asset id="a1" name="A001" start="3600s" duration="600s" hasVideo="1" format="f24" hasAudio="1" audioChannels="2" audioRate="48000">
      <media-rep kind="original-media" src="file:///Media/A001.mov"/>
      <media-rep kind="proxy-media" src="file:///Proxy/A001.mov"/>
    </asset>
    <asset id="w1" name="Music" start="0s" duration="300s" hasAudio="1" audioChannels="2" audioRate="48000" src="file:///Media/Music.wav"/>
    <effect id="x1" name="Cross Dissolve" uid="FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265"/>`;

/** A one-project document; `spine` is the primary storyline's content. */
function doc(spine: string, o: { version?: string; frameDuration?: string; tcStart?: string; tcFormat?: string; resources?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE fcpxml>
<fcpxml version="${o.version ?? '1.11'}">
  <resources>
    <format id="f1" name="Seq" frameDuration="${o.frameDuration ?? '1001/24000s'}" width="1920" height="1080"/>
    <format id="f24" name="FFVideoFormat1080p24" frameDuration="100/2400s"/>${o.resources ?? ASSETS}
  </resources>
  <library>
    <event name="Ev">
      <project name="P">
        <sequence format="f1" tcStart="${o.tcStart ?? '0s'}" tcFormat="${o.tcFormat ?? 'NDF'}">
          <spine>${spine}</spine>
        </sequence>
      </project>
    </event>
  </library>
</fcpxml>`;
}

function read(text: string): { tl: Timeline; codes: string[] } {
  const r = readFcpxml(text, { file: 'test.fcpxml' });
  return { tl: r.value![0]!, codes: r.findings.map((f) => f.code) };
}

function layout(t: Track): string[] {
  return t.children.map((c) =>
    c.kind === 'transition' ? `T ${c.inOffset.value}/${c.outOffset.value}` : `${c.kind} ${c.name} ${c.sourceRange!.start.value}+${c.sourceRange!.duration.value}`,
  );
}

describe('readFcpxml: structure', () => {
  it('puts connected clips on tracks by lane, offsets in the parent clip\'s local time', () => {
    // The parent starts 10 s into its media (local time 3610 s); children hang at local 3612 s and 3611 s.
    const { tl, codes } = read(
      doc(`
        <gap name="Gap" offset="0s" duration="1s"/>
        <asset-clip ref="a1" name="A" offset="1s" start="3610s" duration="10s" format="f24" audioRole="dialogue">
          <asset-clip ref="a1" lane="1" name="B" offset="3612s" start="3700s" duration="2s" format="f24"/>
          <asset-clip ref="w1" lane="-1" name="M" offset="3611s" duration="3s" audioRole="music"/>
          <asset-clip ref="w1" lane="-2" name="M2" offset="3610s" duration="1s" audioRole="music"/>
        </asset-clip>`, { frameDuration: '100/2400s' }),
    );
    expect(codes).toEqual([]);
    expect(tl.tracks.map((t) => `${t.name}:${t.trackKind}`)).toEqual(['V1:video', 'V2:video', 'A1:audio', 'A2:audio']);
    // Source starts are media frames at the asset's 24 fps: 3610 s = 86640.
    expect(layout(tl.tracks[0]!)).toEqual(['gap Gap 0+24', 'clip A 86640+240']);
    expect(layout(tl.tracks[1]!)).toEqual(['gap  0+72', 'clip B 88800+48']);
    // The audio asset has no video format: its times count at the sequence rate.
    expect(layout(tl.tracks[2]!)).toEqual(['gap  0+48', 'clip M 0+72']);
    expect(layout(tl.tracks[3]!)).toEqual(['gap  0+24', 'clip M2 0+24']);
    const a = tl.tracks[0]!.children[1] as Clip;
    expect(a.media).toMatchObject({ kind: 'external', url: 'file:///Media/A001.mov', availableRange: { start: { value: 86400 }, duration: { value: 14400 } } });
    expect(a.sourceFile).toBe('A001.mov');
    expect(a.metadata['fcpxml']).toMatchObject({ element: 'asset-clip', audioRole: 'dialogue' });
    expect(tl.metadata['fcpxml']).toMatchObject({ version: '1.11', event: 'Ev', roles: ['audio:dialogue', 'audio:music'] });
  });

  it('places a transition around the edit point it straddles, and a secondary storyline as a run on its lane', () => {
    const { tl } = read(
      doc(`
        <asset-clip ref="a1" name="A" offset="0s" start="3600s" duration="240240/24000s" format="f24">
          <spine lane="1" offset="86448048/24000s">
            <asset-clip ref="a1" name="C" offset="0s" start="3650s" duration="48048/24000s" format="f24"/>
            <transition name="Cross Dissolve" offset="36036/24000s" duration="24024/24000s"><filter-video ref="x1" name="Cross Dissolve"/></transition>
            <asset-clip ref="a1" name="D" offset="48048/24000s" start="3660s" duration="48048/24000s" format="f24"/>
          </spine>
        </asset-clip>
        <transition name="Cross Dissolve" offset="228228/24000s" duration="24024/24000s"><filter-video ref="x1" name="Cross Dissolve"/></transition>
        <asset-clip ref="a1" name="B" offset="240240/24000s" start="3700s" duration="240240/24000s" format="f24"/>`),
    );
    expect(layout(tl.tracks[0]!)).toEqual(['clip A 86400+240', 'T 12/12', 'clip B 88800+240']);
    // C and D start 50 s and 60 s into 24 fps media.
    expect(layout(tl.tracks[1]!)).toEqual(['gap  0+48', 'clip C 87600+48', 'T 12/12', 'clip D 87840+48']);
    const t = tl.tracks[0]!.children[1]!;
    expect(t).toMatchObject({ kind: 'transition', transitionType: 'dissolve', metadata: { fcpxml: { effectUid: 'FxPlug:4731E73A-8DAC-4113-9A30-AE85B1761265' } } });
  });

  it('reads a ref-clip as a Stack of its compound, trimmed in the compound\'s own time', () => {
    const { tl } = read(
      doc(`<ref-clip ref="m1" name="Comp" offset="0s" start="86424024/24000s" duration="48048/24000s"/>`, {
        resources: `${ASSETS}
    <media id="m1" name="Comp"><sequence format="f1" tcStart="3600s" duration="120120/24000s"><spine>
      <asset-clip ref="a1" name="In" offset="3600s" start="3600s" duration="120120/24000s" format="f24"/>
    </spine></sequence></media>`,
      }),
    );
    const s = tl.tracks[0]!.children[0] as Stack;
    expect(s.kind).toBe('stack');
    expect(s.sourceRange).toEqual({ start: { value: 24, rate: { num: 24000, den: 1001 } }, duration: { value: 48, rate: { num: 24000, den: 1001 } } });
    expect(layout(s.children[0]!)).toEqual(['clip In 86400+120']);
  });

  it('keeps FCP 1.8 asset src and 1.9+ media-rep URLs, preferring the original media over a proxy', () => {
    const { tl } = read(doc(`<asset-clip ref="w1" name="M" offset="0s" duration="24024/24000s"/><asset-clip ref="a1" name="A" offset="24024/24000s" start="3600s" duration="24024/24000s"/>`, { version: '1.8' }));
    const [m, a] = tl.tracks[0]!.children as Clip[];
    expect(m!.media).toMatchObject({ kind: 'external', url: 'file:///Media/Music.wav' });
    expect(a!.media).toMatchObject({ kind: 'external', url: 'file:///Media/A001.mov', metadata: { fcpxml: { proxySrc: 'file:///Proxy/A001.mov' } } });
  });
});

describe('readFcpxml: time', () => {
  it('reads tcStart as the timeline start: 01:00:00;00 at 29.97 DF is frame 107892', () => {
    const { tl } = read(doc(`<gap name="Gap" offset="3600s" duration="1001/30000s"/>`, { frameDuration: '1001/30000s', tcStart: '3600s', tcFormat: 'DF' }));
    // 3600 s x 30000/1001 = 107892.1 is not whole: FCP's tcStart for 01:00:00;00 DF is 107892 frames = 107999892/30000 s.
    expect(tl.rate).toEqual({ num: 30000, den: 1001, dropFrame: true });
    const { tl: exact } = read(doc(`<gap name="Gap" offset="107999892/30000s" duration="1001/30000s"/>`, { frameDuration: '1001/30000s', tcStart: '107999892/30000s', tcFormat: 'DF' }));
    expect(exact.globalStart).toEqual({ value: 107892, rate: { num: 30000, den: 1001 } });
    expect(layout(exact.tracks[0]!)).toEqual(['gap Gap 0+1']);
  });

  it('an hour at 23.976 is 86400 frames, not the 82800 a 23 fps truncation would count', () => {
    const { tl } = read(doc(`<gap name="Gap" offset="86486400/24000s" duration="86486400/24000s"/>`, { tcStart: '86486400/24000s' }));
    expect(tl.rate).toEqual({ num: 24000, den: 1001, dropFrame: false });
    expect(tl.globalStart.value).toBe(86400);
    expect(layout(tl.tracks[0]!)).toEqual(['gap Gap 0+86400']);
  });

  it('reports DF at a rate without drop-frame and reads it as NDF', () => {
    const { tl, codes } = read(doc(`<gap name="Gap" offset="0s" duration="1s"/>`, { frameDuration: '100/2500s', tcFormat: 'DF' }));
    expect(codes).toEqual(['FCPXML_DROP_FRAME_INVALID']);
    expect(tl.rate).toEqual({ num: 25, den: 1, dropFrame: false });
  });

  it('turns a timeMap into an exact speed: 2x, 50 %, reverse, freeze', () => {
    const clipWith = (name: string, pts: string, start = '3600s') =>
      `<asset-clip ref="a1" name="${name}" offset="0s" start="${start}" duration="24024/24000s" format="f24"><timeMap>${pts}</timeMap></asset-clip>`;
    const speed = (spine: string): unknown => (read(doc(spine)).tl.tracks[0]!.children[0] as Clip).effects[0];
    expect(speed(clipWith('x2', '<timept time="0s" value="0s" interp="linear"/><timept time="100s" value="200s" interp="linear"/>', '1800s'))).toMatchObject({
      kind: 'linearTimeWarp',
      timeScalar: { num: 2, den: 1 },
    });
    // 2x from local 1800 s reads media from 3600 s.
    expect((read(doc(clipWith('x2', '<timept time="0s" value="0s"/><timept time="100s" value="200s"/>', '1800s'))).tl.tracks[0]!.children[0] as Clip).sourceRange.start.value).toBe(86400);
    expect(speed(clipWith('half', '<timept time="0s" value="0s"/><timept time="200s" value="100s"/>', '7200s'))).toMatchObject({ timeScalar: { num: 1, den: 2 } });
    expect(speed(clipWith('rev', '<timept time="0s" value="4200s"/><timept time="600s" value="3600s"/>', '0s'))).toMatchObject({ timeScalar: { num: -1, den: 1 } });
    expect(speed(clipWith('freeze', '<timept time="0s" value="3605s"/><timept time="10s" value="3605s"/>', '0s'))).toMatchObject({ kind: 'freezeFrame' });
    const { codes } = read(doc(clipWith('ramp', '<timept time="0s" value="0s"/><timept time="10s" value="10s"/><timept time="20s" value="40s"/>'))) ;
    expect(codes).toContain('FCPXML_TIMEMAP_VARIABLE');
  });

  it('reads standard, to-do, completed and chapter markers with their colours', () => {
    const { tl } = read(
      doc(`<asset-clip ref="a1" name="A" offset="0s" start="3600s" duration="240240/24000s" format="f24">
        <marker start="3601s" duration="100/2400s" value="std" note="n"/>
        <marker start="3602s" duration="100/2400s" value="todo" completed="0"/>
        <marker start="3603s" duration="100/2400s" value="done" completed="1"/>
        <chapter-marker start="3604s" duration="100/2400s" value="ch" posterOffset="11/24s"/>
      </asset-clip>`),
    );
    const a = tl.tracks[0]!.children[0] as Clip;
    expect(a.markers.map((m) => [m.name, m.color, m.markedRange.start.value, m.note ?? ''])).toEqual([
      ['std', 'blue', 86424, 'n'],
      ['todo', 'red', 86448, ''],
      ['done', 'green', 86472, ''],
      ['ch', 'orange', 86496, ''],
    ]);
    expect(a.markers[3]!.metadata).toEqual({ fcpxml: { kind: 'chapter', posterOffset: '11/24s' } });
  });
});

describe('readFcpxml: bad input is findings, never a throw', () => {
  it('a non-FCPXML root', () => {
    const r = readFcpxml('<xmeml version="5"><sequence/></xmeml>');
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['FCPXML_ROOT_NOT_FCPXML']);
  });

  it('entity declarations are refused before anything is expanded', () => {
    const r = readFcpxml('<?xml version="1.0"?><!DOCTYPE fcpxml [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><fcpxml version="1.10">&b;</fcpxml>');
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['XML_ENTITY_DECLARED']);
  });

  it('nesting past the limit is refused', () => {
    const r = readFcpxml(`<fcpxml version="1.10">${'<spine>'.repeat(400)}${'</spine>'.repeat(400)}</fcpxml>`);
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['XML_LIMIT_EXCEEDED']);
  });

  it('a time that is not rational is an error at its line; the rest is read', () => {
    const r = readFcpxml(doc(`<gap name="Gap" offset="0s" duration="2.5s"/><gap name="G2" offset="0s" duration="24024/24000s"/>`), { file: 'x.fcpxml' });
    const f = r.findings.find((x) => x.code === 'FCPXML_TIME_NOT_RATIONAL')!;
    expect(f.params).toEqual({ element: 'gap', attribute: 'duration', text: '2.5s' });
    expect(f.where).toMatchObject({ file: 'x.fcpxml', line: 18 });
    expect(layout(r.value![0]!.tracks[0]!)).toEqual(['gap Gap 0+0', 'gap G2 0+24']);
  });

  it('a missing resource, an unknown version, a compound that contains itself, overlapping lanes and a jump in the storyline', () => {
    const r = readFcpxml(
      doc(
        `<asset-clip ref="nope" name="X" offset="0s" duration="24024/24000s"/>
         <ref-clip ref="m1" name="Loop" offset="24024/24000s" duration="24024/24000s"/>
         <gap name="Gap" offset="72072/24000s" duration="10s">
           <asset-clip ref="a1" lane="1" name="L1" offset="0s" start="3600s" duration="5s"/>
           <asset-clip ref="a1" lane="1" name="L2" offset="2s" start="3600s" duration="5s"/>
         </gap>`,
        { version: '1.5', resources: `${ASSETS}<media id="m1" name="Loop"><sequence format="f1"><spine><ref-clip ref="m1" name="Loop" offset="0s" duration="1s"/></spine></sequence></media>` },
      ),
    );
    expect(r.findings.map((f) => `${f.code}`).sort()).toEqual([
      'FCPXML_LANE_OVERLAP',
      'FCPXML_NESTING_TOO_DEEP',
      'FCPXML_RESOURCE_MISSING',
      'FCPXML_SPINE_OFFSET_MISMATCH',
      'FCPXML_TIME_OFF_GRID',
      'FCPXML_VERSION_UNSUPPORTED',
    ]);
    const tl = r.value![0]!;
    expect((tl.tracks[0]!.children[0] as Clip).media).toEqual({ kind: 'missing', name: 'X' });
    expect(tl.tracks.map((t) => t.name)).toEqual(['V1', 'V2', 'V3']);
    // The storyline reached frame 48 but the gap says 72: a 24-frame gap was inserted and said so.
    expect(layout(tl.tracks[0]!).slice(0, 3)).toEqual(['clip X 0+24', 'stack Loop 0+24', 'gap  0+24']);
  });

  it('a file with no project and no compound is an error with no value', () => {
    const r = readFcpxml('<fcpxml version="1.10"><resources/></fcpxml>');
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => f.code)).toEqual(['FCPXML_NOTHING_TO_READ']);
  });
});
