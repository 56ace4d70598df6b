import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { range, writeFcp7Xml, type Clip, type Timeline } from '@picturelock/core';
import { fakeResolveSpecFromTimeline } from '@picturelock/host-bridge';
import { runCli } from '@picturelock/test';
import { referenceCut } from './contract.ts';

const FAKE_MODULE_DIR = fileURLToPath(new URL('./fake_resolve/', import.meta.url));

/** `picturelock <args>` in-process: exit code, stdout and stderr. */
const run = runCli;

describe('picturelock resolve (CLI over the Python bridge and a fake Resolve module)', () => {
  const saved = { PYTHONPATH: process.env['PYTHONPATH'], SPEC: process.env['PICTURELOCK_FAKE_RESOLVE_SPEC'] };
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'picturelock-resolve-cli-'));
    writeFileSync(join(dir, 'spec.json'), JSON.stringify(fakeResolveSpecFromTimeline(referenceCut(), { extraTimelines: ['Assembly v3'] })));
    process.env['PYTHONPATH'] = FAKE_MODULE_DIR;
    process.env['PICTURELOCK_FAKE_RESOLVE_SPEC'] = join(dir, 'spec.json');
  });
  afterEach(() => {
    for (const [k, v] of [['PYTHONPATH', saved.PYTHONPATH], ['PICTURELOCK_FAKE_RESOLVE_SPEC', saved.SPEC]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  it('--help says how to point the CLI at the bridge', async () => {
    const r = await run('resolve', '--help');
    expect(r.code).toBe(0);
    for (const text of ['RESOLVE_SCRIPT_API', 'RESOLVE_SCRIPT_LIB', 'PYTHONPATH', '/opt/resolve/Developer/Scripting', '--python <path>', '--bridge <path>', 'External scripting using']) expect(r.out).toContain(text);
  });

  it('lists the timelines with the current one starred', async () => {
    const r = await run('resolve', 'timelines');
    expect([r.code, r.err]).toEqual([0, '']);
    expect(r.out).toBe('  Assembly v3  (a1f2c3d4-0000-4000-8000-00000000tl02)\n* PL_CONTRACT_REF_v1  (a1f2c3d4-0000-4000-8000-00000000tl01)\n');
  });

  it('checks the current timeline: speeds from the EDL (said so), then the timeline lint', async () => {
    const r = await run('resolve', 'check', '--json');
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out) as { timeline: { start: string; tracks: { events: { clip: string; speed: string; recordIn: string }[] }[] }; findings: { code: string }[] };
    expect(data.timeline.start).toBe('01:00:00;00');
    expect(data.timeline.tracks[0]!.events.map((e) => [e.clip, e.speed])).toContainEqual(['Reverse Pull', '-1/1']);
    expect(data.findings.map((f) => f.code)).toEqual(['HOST_SPEED_FROM_EDL', 'CHECK_OVERLAP', 'CHECK_SPEED_CHANGE', 'CHECK_REVERSE', 'CHECK_TRANSITION']);
  });

  it('compares the conformed timeline with the offline list and marks the shot that slipped by two frames', async () => {
    // The offline cut is the same cut with V1's first shot two source frames later.
    const cut = referenceCut();
    const v1 = cut.tracks[0]!;
    const first = v1.children.findIndex((c) => c.kind === 'clip');
    const shot = v1.children[first] as Clip;
    const slipped: Clip = { ...shot, sourceRange: range(shot.sourceRange.start.value + 2, shot.sourceRange.duration.value, shot.sourceRange.start.rate) };
    const offline: Timeline = { ...cut, tracks: [{ ...v1, children: v1.children.map((c, i) => (i === first ? slipped : c)) }, ...cut.tracks.slice(1)] };
    const offlinePath = join(dir, 'offline.xml');
    writeFileSync(offlinePath, writeFcp7Xml(offline).text);
    const r = await run('resolve', 'check', '--against', offlinePath, '--mark', '--json');
    const data = JSON.parse(r.out) as { findings: { code: string; message: string; where: { event?: string } }[] };
    const slips = data.findings.filter((f) => f.code === 'DIFF_SLIP');
    expect(slips).toHaveLength(1);
    expect(slips[0]!.message).toContain('2 frames');
    expect(r.err).toMatch(/^\d+ marker\(s\) written on PL_CONTRACT_REF_v1\n$/);
  });

  it('marks findings from a JSON report on the timeline', async () => {
    const report = join(dir, 'report.json');
    writeFileSync(report, JSON.stringify({ findings: [{ code: 'CONFORM_FLASH_FRAME', severity: 'error', message: 'one-frame clip', where: { frames: { start: 89, end: 90 } } }, { code: 'NO_POSITION', severity: 'info', message: 'x', where: {} }] }));
    const r = await run('resolve', 'mark', report);
    expect([r.code, r.out, r.err]).toEqual([0, '1 marker(s) written\n', '']);
  });

  it('exits 2 with a way forward when python cannot import DaVinciResolveScript', async () => {
    process.env['PYTHONPATH'] = dir;
    const r = await run('resolve', 'info');
    expect(r.code).toBe(2);
    expect(r.err).toContain('set RESOLVE_SCRIPT_API, RESOLVE_SCRIPT_LIB and PYTHONPATH');
  });
});
