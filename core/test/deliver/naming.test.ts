import { describe, expect, it } from 'vitest';
import { frameRate, range } from '../../time/index.ts';
import { clip, timeline, track, type Timeline } from '../../timeline/index.ts';
import { specBuiltinProfile } from '../../spec/index.ts';
import { NAMING_CONVENTIONS, checkNamingConvention, type NamingConvention } from '../../naming/index.ts';
import { deliverPlanOf, deliverShapedValue } from '../../deliver/plan.ts';
import type { DeliverJob } from '../../deliver/model.ts';

const R = frameRate(24000, 1001);
const youtube = (() => {
  const p = specBuiltinProfile('youtube.upload.sdr');
  if (!p.ok) throw new Error(p.error);
  return p.value;
})();

function shot(name: string, path: string): ReturnType<typeof clip> {
  return clip({ name, reel: name, sourceRange: range(100, 48, R), media: { kind: 'external', url: path, availableRange: range(0, 500, R) } });
}

/** An HD cut with picture and two sound tracks. */
const CUT: Timeline = timeline({
  name: 'THE LOCK SC42 v3',
  rate: R,
  startFrame: 86400,
  metadata: { fcp7xml: { width: 1920, height: 1080 } },
  tracks: [
    track({ name: 'V1', trackKind: 'video', children: [shot('A001C003', '/m/a.mov')] }),
    track({ name: 'A1', trackKind: 'audio', children: [shot('SR004', '/m/sr.wav')] }),
    track({ name: 'A2', trackKind: 'audio', children: [shot('MX001', '/m/mx.wav')] }),
  ],
});

/** What an assistant would pass with `--field` for each convention: the facts the cut cannot state. */
const FIELDS: Record<string, Record<string, string>> = {
  dcnc: { title: 'TheLock', type: 'FTR', aspect: 'F', language: 'EN-XX', territory: 'US', studio: 'PL', date: '2025-03-14', facility: 'PLK', standard: 'SMPTE', package: 'OV' },
  'dpp-as11': { production: 'LOCK-042' },
  'platform-master': { season: '1', episode: '3', mix: 'PM', format: 'WAV' },
  house: { show: 'lock', episode: '3', date: '2025-03-14' },
};

function factsOf(j: DeliverJob): { width?: number; height?: number; rate: typeof R; audioChannels: number } {
  return { ...(j.video ? { width: j.video.width, height: j.video.height } : {}), rate: R, audioChannels: j.audio?.channels ?? 0 };
}

function planWith(c: NamingConvention) {
  return deliverPlanOf({ timeline: CUT, profile: youtube, extra: ['prores-422hq', 'mezzanine', 'dnxhr-hqx', 'social-9x16:crop', 'review-h264'], naming: { convention: c }, fields: FIELDS[c.data.id] ?? {} });
}

describe('deliver naming under every built-in convention', () => {
  it('plans with each convention and every output name passes that convention\'s checker, or the plan says why not', () => {
    expect(NAMING_CONVENTIONS.map((c) => c.data.id)).toEqual(['dcnc', 'dpp-as11', 'platform-master', 'house']);
    for (const c of NAMING_CONVENTIONS) {
      const { plan, findings } = planWith(c);
      for (const j of plan.jobs) {
        const problems = checkNamingConvention(j.output.name, c, { facts: factsOf(j) }).findings.filter((f) => f.severity === 'error').map((f) => f.message);
        const said = findings.find((f) => f.code === 'DELIVER_NAME_OFF_CONVENTION' && f.params['job'] === j.id);
        // The planner ran the same checker: its finding lists exactly the checker's problems.
        expect([c.data.id, j.id, said?.params['problems'] ?? '']).toEqual([c.data.id, j.id, problems.join('; ')]);
      }
      expect(findings.filter((f) => f.code === 'DELIVER_NAMING_FAILED')).toEqual([]);
    }
  });

  it('names every output of a platform master within the convention: element codes without hyphens, title in lower case', () => {
    const c = NAMING_CONVENTIONS.find((x) => x.data.id === 'platform-master')!;
    const { plan, findings } = planWith(c);
    expect(plan.jobs.map((j) => `${j.output.folder}/${j.output.name}`)).toEqual([
      'web/the_lock_sc42_v3_s01e03_v03_WEBH264_HD_23976.mp4',
      'stems/the_lock_sc42_v3_s01e03_v03_STEMA1_PM_1ch_WAV_48k_24b_23976.wav',
      'stems/the_lock_sc42_v3_s01e03_v03_STEMA2_PM_1ch_WAV_48k_24b_23976.wav',
      'masters/the_lock_sc42_v3_s01e03_v03_MASTERPRORES422HQ_HD_23976.mov',
      'mezzanine/the_lock_sc42_v3_s01e03_v03_MEZZPRORES422HQ_HD_23976.mov',
      'masters/the_lock_sc42_v3_s01e03_v03_MASTERDNXHRHQX_HD_23976.mov',
      'social/the_lock_sc42_v3_s01e03_v03_SOCIAL9x16CROP_1080x1920_23976.mp4',
      'review/the_lock_sc42_v3_s01e03_v03_REVIEWH264_HD_23976.mp4',
    ]);
    for (const j of plan.jobs) expect([j.output.name, checkNamingConvention(j.output.name, c, { facts: factsOf(j) }).findings]).toEqual([j.output.name, []]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('says which jobs a convention cannot name apart or cannot name at all', () => {
    const codes = (id: string) => {
      const c = NAMING_CONVENTIONS.find((x) => x.data.id === id)!;
      return planWith(c).findings.filter((f) => f.code.startsWith('DELIVER_NAME')).map((f) => `${f.code} ${f.params['job'] ?? f.params['jobs']}`);
    };
    // House style has no element field: the two stems land on one name, and so do the two masters.
    expect(codes('house')).toEqual(['DELIVER_NAME_COLLISION 02-stems-a1, 03-stems-a2', 'DELIVER_NAME_COLLISION 04-prores-422hq, 06-dnxhr-hqx']);
    // AS-11 UK DPP names one MXF programme file: nothing here is an MXF, and the stems share a name.
    expect(codes('dpp-as11')).toContain('DELIVER_NAME_OFF_CONVENTION 04-prores-422hq');
    const c = NAMING_CONVENTIONS.find((x) => x.data.id === 'dpp-as11')!;
    const off = planWith(c).findings.find((f) => f.code === 'DELIVER_NAME_OFF_CONVENTION' && f.params['job'] === '04-prores-422hq')!;
    expect(off.message).toBe('LOCK-042.mov (job 04-prores-422hq) does not meet naming convention dpp-as11: `LOCK-042.mov`: segment 0 `.mov` is not an allowed extension (allowed: .mxf)');
  });

  it('shapes a value to the first form the field accepts', () => {
    expect(deliverShapedValue({ pattern: '[A-Za-z0-9]+' }, ['MEZZ-PRORES422HQ', 'MEZZPRORES422HQ'])).toBe('MEZZPRORES422HQ');
    expect(deliverShapedValue({ pattern: '\\d+ch' }, ['20', '2ch'])).toBe('2ch');
    expect(deliverShapedValue({ allowed: ['2K', '4K'] }, ['HD'])).toBe('HD');
    expect(deliverShapedValue(undefined, ['MEZZ-PRORES422HQ', 'MEZZPRORES422HQ'])).toBe('MEZZ-PRORES422HQ');
  });
});
