import { readdirSync } from 'node:fs';
import { expect, it } from 'vitest';
import { CONFORM_CHECKS, conformCheckTimeline, readInterchange, type Timeline } from '@picturelock/core';
import { describeFixtures, fixturePath, readFixtureBytes } from '@picturelock/test';

/** `check` over the real interchange corpus (../shared/fixtures/interchange, CATALOG.md facts). */

const timelineOf = (rel: string): Timeline => readInterchange(readFixtureBytes(`interchange/${rel}`), { file: rel }).timelines[0]!;

describeFixtures('check on the interchange corpus', () => {
  it('gap_test.edl: the two holes the catalog names, 16 and 38 frames at (24,40) and (64,102)', () => {
    const f = conformCheckTimeline(timelineOf('otio-cmx3600/gap_test.edl')).findings;
    expect(f.map((x) => [x.code, x.params['frames'], x.where.frames])).toEqual([
      ['CHECK_GAP', 16, { start: 24, end: 40 }],
      ['CHECK_GAP', 38, { start: 64, end: 102 }],
    ]);
  });

  it('speed_effects_small.edl: events 2 and 3 are freezes at 01:08:30:00-01:08:30:17 and 01:08:30:17-01:08:30:18, event 5 reads 2x', () => {
    const f = conformCheckTimeline(timelineOf('otio-cmx3600/speed_effects_small.edl')).findings;
    expect(f.filter((x) => x.code === 'CHECK_FREEZE_FRAME').map((x) => [x.where.event, x.where.record])).toEqual([
      ['002', { in: '01:08:30:00', out: '01:08:30:17' }],
      ['003', { in: '01:08:30:17', out: '01:08:30:18' }],
    ]);
    expect(f.filter((x) => x.code === 'CHECK_SPEED_CHANGE').map((x) => x.params)).toEqual([
      { event: '005', percent: '198.33%', recordFrames: 36, sourceFrames: 72, sourceIn: '01:00:06:00', sourceOut: '01:00:09:00' },
    ]);
    expect(f.filter((x) => x.code === 'CHECK_FLASH_FRAME').map((x) => x.where.event)).toEqual(['003']);
  });

  it('dissolve_test.edl: one 10-frame dissolve from clip_A to clip_B', () => {
    const f = conformCheckTimeline(timelineOf('otio-cmx3600/dissolve_test.edl')).findings;
    expect(f.filter((x) => x.code.startsWith('CHECK_TRANSITION')).map((x) => x.params)).toEqual([{ event: '002', type: 'dissolve', frames: 10, from: 'clip_A', to: 'clip_B' }]);
  });

  it('premiere_example.xml: the nested sequence on V2 (and its audio on A2), and the V4 cross dissolve of 12+13 frames', () => {
    const f = conformCheckTimeline(timelineOf('otio-fcp/premiere_example.xml')).findings;
    expect(f.filter((x) => x.code === 'CHECK_NESTED_SEQUENCE').map((x) => [x.params['name'], x.where.track])).toEqual([
      ['sc01_sh010_anim', 'V2'],
      ['sc01_sh010_anim', 'A2'],
    ]);
    expect(f.filter((x) => x.code === 'CHECK_TRANSITION' && x.where.track === 'V4').map((x) => x.params['frames'])).toEqual([25]);
  });

  it('every timeline in the corpus is checked with registry codes only, each finding carrying its rule', () => {
    const known = new Set(CONFORM_CHECKS.flatMap((c) => c.codes));
    let timelines = 0;
    for (const folder of readdirSync(fixturePath('interchange'), { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(fixturePath(`interchange/${folder.name}`))) {
        if (!/\.(edl|xml|fcpxml|otio|aaf)$/i.test(name)) continue;
        for (const tl of readInterchange(readFixtureBytes(`interchange/${folder.name}/${name}`), { file: name }).timelines) {
          timelines++;
          for (const f of conformCheckTimeline(tl).findings) {
            expect(known.has(f.code)).toBe(true);
            expect(f.rule).toMatch(/^(Turnover|Conform|Interchange|Editorial)/);
          }
        }
      }
    }
    expect(timelines).toBeGreaterThan(40);
  });
});
