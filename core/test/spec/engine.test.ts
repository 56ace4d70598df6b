import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RATE_MATRIX } from '../../time/index.ts';
import type { MediaInfo } from '../../spec/media.ts';
import { mediaBitDepthOfPixelFormat, mediaChromaOfPixelFormat } from '../../spec/media.ts';
import { parseDeliveryProfile, parseDeliveryProfileText, type DeliveryProfile } from '../../spec/profile.ts';
import { SPEC_BUILTIN_PROFILES, NETFLIX_PRORES, AS11_UKDPP_HD, EBU_R128, DCP_2K_SCOPE } from '../../spec/builtins.ts';
import { specProfileResolved } from '../../spec/resolve.ts';
import { evaluateSpec, specFactsOfMedia, specFactsOfTimeline } from '../../spec/engine.ts';
import { qcFindings, qcWaiversResolved, type QcMeasurement } from '../../spec/qc.ts';
import { specLoudnessPlotSection, specQcStripSection, specRuleTableSection } from '../../spec/sections.ts';

/** A ProRes 422 HQ 23.976 master built the way the Netflix-style profile asks. */
function master(over: Partial<MediaInfo['video'][number]> = {}, more: Partial<MediaInfo> = {}): MediaInfo {
  return {
    path: '/deliv/SHOW_s01e01_master.mov',
    container: 'mov',
    containerNames: 'mov,mp4,m4a,3gp,3g2,mj2',
    sizeBytes: 1000,
    durationFrames: 240,
    durationRate: { num: 24000, den: 1001 },
    video: [
      {
        index: 0,
        codec: 'prores',
        profile: 'HQ',
        codecTag: 'apch',
        width: 1920,
        height: 1080,
        frameRate: { num: 24000, den: 1001, dropFrame: false },
        averageFrameRate: { num: 24000, den: 1001 },
        pixelFormat: 'yuv422p10le',
        bitDepth: 10,
        chroma: '4:2:2',
        scan: 'progressive',
        fieldOrder: 'progressive',
        colourPrimaries: 'bt709',
        colourTransfer: 'bt709',
        colourMatrix: 'bt709',
        colourRange: 'limited',
        durationFrames: 240,
        ...over,
      },
    ],
    audio: [{ index: 1, codec: 'pcm_s24le', channels: 2, layout: 'stereo', sampleRate: 48000, bitDepth: 24, durationSamples: 480480 }],
    otherStreams: [],
    startTimecode: { frames: 86400, text: '01:00:00:00', rate: { num: 24000, den: 1001, dropFrame: false }, source: 'tmcd' },
    startTimecodeText: '01:00:00:00',
    tags: {},
    ...more,
  };
}

const SIBLINGS = ['SHOW_s01e01_master.mov', 'SHOW_s01e01_master.ttml'];

function failedIds(profile: DeliveryProfile, m: MediaInfo): string[] {
  const e = evaluateSpec(profile, m.path, specFactsOfMedia(m, { siblings: SIBLINGS }));
  return e.results.filter((r) => r.outcome === 'fail' || r.outcome === 'not-stated').map((r) => r.id);
}

describe('built-in profiles', () => {
  it('all validate against the schema and resolve their extends chain', () => {
    for (const p of SPEC_BUILTIN_PROFILES) {
      const parsed = parseDeliveryProfile(JSON.parse(JSON.stringify(p)));
      expect(parsed.ok, p.id).toBe(true);
      expect(specProfileResolved(p).ok, p.id).toBe(true);
    }
    expect(SPEC_BUILTIN_PROFILES.map((p) => p.id)).toEqual([
      'netflix.prores.kmrb',
      'amazon.pvd.mezzanine-hd',
      'apple.tv.prores-hd',
      'youtube.upload.sdr',
      'uk.as11-ukdpp-hd',
      'ebu.r128',
      'ebu.r128.s1',
      'atsc.a85',
      'dci.dcp.2k-flat',
      'dci.dcp.2k-scope',
      'social.vertical-9x16',
    ]);
  });

  it('2K scope inherits everything from 2K flat but the raster', () => {
    const r = specProfileResolved(DCP_2K_SCOPE);
    if (!r.ok) throw new Error(r.error);
    expect(r.value.video?.raster).toEqual([{ width: 2048, height: 858, name: '2048x858 (2K scope 2.39)' }]);
    expect(r.value.video?.frameRate?.allowed).toEqual(['24', '48']);
    expect(r.value.video?.bitDepth).toEqual([12]);
    expect(r.value.id).toBe('dci.dcp.2k-scope');
    expect(r.value.extends).toBeUndefined();
  });

  it('an unknown parent and a cycle are errors naming the chain', () => {
    const orphan = { ...EBU_R128, id: 'x.orphan', extends: 'no.such' };
    const r = specProfileResolved(orphan);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/^x\.orphan extends "no\.such", which is not a known profile \(known: netflix\.prores\.kmrb, /);
    const a = { ...EBU_R128, id: 'x.a', extends: 'x.b' };
    const b = { ...EBU_R128, id: 'x.b', extends: 'x.a' };
    const c = specProfileResolved(a, [a, b]);
    expect(c).toEqual({ ok: false, error: 'extends cycle: x.a -> x.b -> x.a' });
  });
});

describe('profile errors name the field and the accepted values', () => {
  it('an unknown codec lists the accepted codecs with a near match', () => {
    const r = parseDeliveryProfileText(JSON.stringify({ ...NETFLIX_PRORES, video: { codec: [{ name: 'prores422' }] } }));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error).toEqual([
      {
        field: 'video.codec[0].name',
        message: '"prores422" is not accepted (did you mean "prores"?); accepted values: prores, h264, hevc, dnxhd, jpeg2000, mpeg2video, av1, vp9, ffv1, v210, rawvideo, dvvideo, cfhd',
      },
    ]);
  });

  it('a misspelt field, a bad profile name, a bad rate and bad JSON', () => {
    const r = parseDeliveryProfile({ ...EBU_R128, loudnes: {}, video: { codec: [{ name: 'prores', profile: ['hq'] }], frameRate: { allowed: ['23.9'] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => i.field)).toEqual(['video.codec[0].profile[0]', 'video.frameRate.allowed[0]', 'loudnes']);
    expect(r.error[0]!.message).toBe('"hq" is not a prores profile; accepted: 422proxy, 422lt, 422, 422hq, 4444, 4444xq');
    expect(r.error[1]!.message).toMatch(/^"23\.9" is not a frame rate; accepted: 23\.976 \(or 23\.98, 24000\/1001\), 24, 25/);
    expect(r.error[2]!.message).toMatch(/^unknown field "loudnes" \(did you mean "loudness"\?\); accepted fields here: \$schema, id, name, owner, kind, edition, source, extends/);
    const bad = parseDeliveryProfileText('{"id": ');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error[0]!.field).toBe('(file)');
  });

  it('a custom rule with a misspelt field goes into the all/any group to name it', () => {
    const r = parseDeliveryProfile({ ...EBU_R128, rules: { any: [{ name: 'rate', field: 'video.rat', op: 'eq', value: '25' }] } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error[0]!.field).toBe('rules.any[0].field');
      expect(r.error[0]!.message).toMatch(/^"video\.rat" is not accepted \(did you mean "video\.rate"\?\); accepted values: container\.format, /);
    }
  });
});

describe('rule engine against probed facts', () => {
  it('a master built to the Netflix-style profile fails nothing', () => {
    expect(failedIds(NETFLIX_PRORES, master())).toEqual([]);
    const e = evaluateSpec(NETFLIX_PRORES, 'm', specFactsOfMedia(master(), { siblings: SIBLINGS }));
    expect(e.passed).toBe(true);
    const rate = e.results.find((r) => r.id === 'video.frameRate')!;
    expect(rate.actual).toBe('24000/1001 (23.976)');
    expect(rate.source).toBe('NFX-PIX');
    expect(rate.confidence).toBe('S');
    // Loudness without QC is not measured: info, never a pass.
    expect(e.results.find((r) => r.id === 'loudness.qc-programme-fallback.integrated')).toMatchObject({ outcome: 'not-measured', severity: 'info', actual: 'run with --qc' });
  });

  it('a 25 fps file fails a 23.976-only profile on rate and nothing else', () => {
    const only23976: DeliveryProfile = { ...NETFLIX_PRORES, id: 'test.nf-23976', video: { ...NETFLIX_PRORES.video, frameRate: { allowed: ['24000/1001'], vfr: false } } };
    const m = master(
      { frameRate: { num: 25, den: 1, dropFrame: false }, averageFrameRate: { num: 25, den: 1 } },
      { startTimecode: { frames: 90000, text: '01:00:00:00', rate: { num: 25, den: 1, dropFrame: false }, source: 'tmcd' }, durationRate: { num: 25, den: 1 } },
    );
    const e = evaluateSpec(only23976, m.path, specFactsOfMedia(m, { siblings: SIBLINGS }));
    expect(e.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.expected, f.actual])).toEqual([['SPEC_RULE_FAILED', '24000/1001 (23.976)', '25/1']]);
  });

  it('wrong colour tags, channel count and start timecode each fail their own rule', () => {
    expect(failedIds(NETFLIX_PRORES, master({ colourPrimaries: 'bt2020', colourMatrix: 'bt2020nc' }))).toEqual(['video.colour.primaries', 'video.colour.matrix']);
    expect(failedIds(NETFLIX_PRORES, master({ colourTransfer: undefined }))).toEqual(['video.colour.transfer']);
    const six = master({}, { audio: [{ index: 1, codec: 'pcm_s24le', channels: 6, layout: '5.1', sampleRate: 48000, bitDepth: 24, durationSamples: 480480 }] });
    expect(failedIds(NETFLIX_PRORES, six)).toEqual(['audio.channels']);
    const late = master({}, { startTimecode: { frames: 86400 - 48, text: '00:59:58:00', rate: { num: 24000, den: 1001, dropFrame: false }, source: 'tmcd' } });
    expect(failedIds(NETFLIX_PRORES, late)).toEqual(['timecode.start']);
  });

  it('an unconfirmed value that fails is a warning, not an error', () => {
    // The 01:00:00:00 programme start is common practice, marked U in the facts.
    const late = master({}, { startTimecode: { frames: 0, text: '00:00:00:00', rate: { num: 24000, den: 1001, dropFrame: false }, source: 'tmcd' } });
    const e = evaluateSpec(NETFLIX_PRORES, late.path, specFactsOfMedia(late, { siblings: SIBLINGS }));
    const f = e.findings.find((x) => x.code === 'SPEC_RULE_FAILED')!;
    expect(f.severity).toBe('warning');
    expect(f.message).toBe('Does the programme start at 01:00:00:00?: requested 01:00:00:00, found 00:00:00:00 (the profile marks this value unconfirmed, so it is a warning)');
    expect(e.passed).toBe(true);
  });

  it('an AS-11 file measured with QC: loudness inside R 128, TC and one-channel tracks', () => {
    const m = master(
      { codec: 'h264', profile: 'High 4:2:2 Intra', codecTag: undefined, frameRate: { num: 25, den: 1, dropFrame: false }, averageFrameRate: { num: 25, den: 1 }, scan: 'interlaced', fieldOrder: 'tff' },
      {
        path: '/deliv/prog.mxf',
        container: 'mxf',
        containerNames: 'mxf',
        audio: [1, 2, 3, 4].map((i) => ({ index: i, codec: 'pcm_s24le', channels: 1, sampleRate: 48000, bitDepth: 24, durationSamples: 460800 })),
        startTimecode: { frames: 900000, text: '10:00:00:00', rate: { num: 25, den: 1, dropFrame: false }, source: 'format-tag' },
      },
    );
    const qc: QcMeasurement = {
      path: m.path, rate: { num: 25, den: 1 }, timecodeRate: { num: 25, den: 1, dropFrame: false }, startFrames: 900000, durationFrames: 240, events: [], settings: [],
      loudness: { stream: 1, channels: 1, integrated: -23.4, lra: 3, truePeak: -0.8, shortTermMax: -20, momentaryMax: -18, seriesRate: { num: 10, den: 1 }, momentary: [-23], shortTerm: [-23] },
    };
    const e = evaluateSpec(AS11_UKDPP_HD, m.path, specFactsOfMedia(m, { qc }));
    expect(e.results.filter((r) => r.outcome !== 'pass').map((r) => `${r.id}:${r.outcome}:${r.severity}:${r.actual}`)).toEqual([
      'loudness.r128:fail:error:fail',
      'loudness.r128.truePeak:fail:error:-0.8 dBTP',
    ]);
    expect(e.findings.map((f) => f.message)).toEqual(['Is the true peak at most -1 dBTP?: requested ≤ -1 dBTP, found -0.8 dBTP']);
  });

  it('timeline settings are checked before anything is rendered', () => {
    const facts = specFactsOfTimeline({ name: 'EP101_LOCK', rate: { num: 25, den: 1, dropFrame: false }, width: 1920, height: 1080, startFrames: 900000, durationFrames: 1000 });
    const e = evaluateSpec(AS11_UKDPP_HD, 'EP101_LOCK', facts);
    expect(e.results.map((r) => `${r.id}:${r.outcome}`)).toEqual(['video.raster:pass', 'video.frameRate:pass', 'timecode.start:pass', 'timecode.dropFrame:pass']);
    const wrong = evaluateSpec(AS11_UKDPP_HD, 'EP101_LOCK', specFactsOfTimeline({ name: 'x', rate: { num: 24000, den: 1001, dropFrame: false }, startFrames: 86400 }));
    expect(wrong.results.map((r) => `${r.id}:${r.outcome}`)).toEqual(['video.frameRate:fail', 'timecode.start:fail', 'timecode.dropFrame:pass']);
  });

  it('a rate rule passes exactly when the rate is the same fraction, over the rate matrix', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RATE_MATRIX), fc.constantFrom(...RATE_MATRIX), (want, have) => {
        const p: DeliveryProfile = { ...EBU_R128, id: 'x.rate', loudness: undefined, video: { frameRate: { allowed: [`${want.num}/${want.den}`] } } };
        const e = evaluateSpec(p, 't', specFactsOfTimeline({ name: 't', rate: have }));
        expect(e.results[0]!.outcome).toBe(want.num === have.num && want.den === have.den ? 'pass' : 'fail');
      }),
    );
  });
});

describe('QC findings, waivers and report sections', () => {
  const qc: QcMeasurement = {
    path: '/m/a.mov',
    rate: { num: 24000, den: 1001 },
    timecodeRate: { num: 24000, den: 1001, dropFrame: false },
    startFrames: 86400,
    durationFrames: 240,
    events: [
      { kind: 'black', start: 48, end: 96 },
      { kind: 'silence', start: 100, end: 200 },
    ],
    settings: [],
    loudness: { stream: 1, channels: 2, integrated: -23, lra: 0, truePeak: -23, shortTermMax: -23, momentaryMax: -23, seriesRate: { num: 10, den: 1 }, momentary: [-120, -23, -23], shortTerm: [-120, -120, -23] },
  };

  it('each event is a finding at its timecode range; a range waiver covers only its kind', () => {
    const fs = qcFindings(qc, 'progressive');
    expect(fs.map((f) => [f.code, f.where.record, f.message])).toEqual([
      ['QC_BLACK_DETECTED', { in: '01:00:02:00', out: '01:00:04:00' }, 'black picture from 01:00:02:00 to 01:00:04:00 (48 frames)'],
      ['QC_SILENCE_DETECTED', { in: '01:00:04:04', out: '01:00:08:08' }, 'audio silent from 01:00:04:04 to 01:00:08:08 (100 frames)'],
    ]);
    const waivers = qcWaiversResolved(qc, fs, [
      { kind: 'black', in: '01:00:01:00', out: '01:00:05:00', who: 'Client QC', when: '2025-01-10', why: 'act break' },
      { kind: 'freeze', in: '01:00:00:00', out: '01:00:10:00', who: 'x', when: '2025-01-10', why: 'wrong kind' },
      { kind: 'silence', in: '01:00:05:00', out: '01:00:10:00', who: 'x', when: '2025-01-10', why: 'starts too late' },
    ]);
    expect(waivers).toEqual([{ code: 'QC_BLACK_DETECTED', where: { file: '/m/a.mov', recordIn: '01:00:02:00' }, who: 'Client QC', when: '2025-01-10', why: 'act break (waived range 01:00:01:00-01:00:05:00)' }]);
  });

  it('idet disagreeing with the flag by a clear majority is a scan mismatch', () => {
    const fs = qcFindings({ ...qc, events: [], interlace: { tff: 200, bff: 3, progressive: 10, undetermined: 5 } }, 'progressive');
    expect(fs.map((f) => f.message)).toEqual(['the file is flagged progressive but its fields look interlaced (idet: 200 TFF, 3 BFF, 10 progressive frames)']);
    expect(qcFindings({ ...qc, events: [], interlace: { tff: 73, bff: 6, progressive: 65, undetermined: 0 } }, 'progressive')).toEqual([]);
  });

  it('sections: rule table rows, the loudness plot and the event strip', () => {
    const e = evaluateSpec(EBU_R128, 'a.mov', specFactsOfMedia(master(), { qc }));
    const table = specRuleTableSection(e);
    expect(table.kind === 'table' && table.rows).toEqual([
      ['[all] Loudness method "programme" (program-gated, ITU-R BS.1770 (gated) / EBU Tech 3341)', 'all below', 'pass', 'pass', 'error', 'EBU-R128 [P]'],
      ['  Is integrated loudness -23 LUFS ±0.5 LU (ITU-R BS.1770 (gated) / EBU Tech 3341)?', '-23.5 to -22.5 LUFS', '-23.0 LUFS', 'pass', 'error', 'EBU-R128 [P]'],
      ['  Is the true peak at most -1 dBTP?', '≤ -1 dBTP', '-23.0 dBTP', 'pass', 'error', 'EBU-R128 [P]'],
    ]);
    const plot = specLoudnessPlotSection(qc, { lufs: -23, minus: 0.5, plus: 0.5 });
    expect(plot?.kind).toBe('svg');
    if (plot?.kind === 'svg') {
      expect(plot.svg).toContain('class="short-term"');
      expect(plot.svg).toContain('class="momentary"');
      expect(plot.svg).toContain('>01:00:00:00<');
      expect(plot.caption).toBe('Integrated -23.0 LUFS, LRA 0.0 LU, true peak -23.0 dBTP, short-term max -23.0 LUFS, momentary max -23.0 LUFS; band: -23 LUFS -0.5/+0.5 LU.');
    }
    const strip = specQcStripSection(qc);
    if (strip.kind === 'svg') expect(strip.svg.match(/<title>[^<]*<\/title>/g)).toEqual(['<title>black 01:00:02:00-01:00:04:00</title>', '<title>silence 01:00:04:04-01:00:08:08</title>']);
  });
});

describe('pixel formats', () => {
  it('chroma and bit depth from ffmpeg names', () => {
    const table = ['yuv420p', 'yuv422p10le', 'yuv444p12le', 'yuva444p10le', 'p010le', 'gbrp12le', 'gray', 'v210', 'nv12'].map((p) => [p, mediaChromaOfPixelFormat(p), mediaBitDepthOfPixelFormat(p)]);
    expect(table).toEqual([
      ['yuv420p', '4:2:0', 8],
      ['yuv422p10le', '4:2:2', 10],
      ['yuv444p12le', '4:4:4', 12],
      ['yuva444p10le', '4:4:4:4', 10],
      ['p010le', '4:2:0', 10],
      ['gbrp12le', '4:4:4', 12],
      ['gray', '4:0:0', 8],
      ['v210', '4:2:2', 10],
      ['nv12', '4:2:0', 8],
    ]);
  });
});
