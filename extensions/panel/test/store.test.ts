import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDemoHost, hostErr, type DemoHost, type Host } from '@picturelock/host-bridge/browser';
import { createPanelStore, type PanelStore } from '../store/index.ts';
import { selectDeliverPlan, selectDeliverProgress, selectFindingRows, selectTimelineSummary, stripBucketsOf } from '../store/selectors.ts';

/** The store driven against the demo host loaded with the example project, without React. */

const example = (name: string) => readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url)), 'utf8');
const FIXED = new Date('2025-03-20T10:00:00Z');

function demo(): { host: DemoHost; store: PanelStore; clock: { t: number } } {
  const clock = { t: 1_000_000 };
  const host = createDemoHost({
    files: [
      { name: 'scene-v1.xml', text: example('scene-v1.xml') },
      { name: 'scene-v2.edl', text: example('scene-v2.edl') },
    ],
    inventory: example('media.ale'),
    clock: { now: () => clock.t },
  });
  const store = createPanelStore({ host, now: () => FIXED, pollIntervalMs: 0, user: 'assistant' });
  return { host, store, clock };
}

describe('panel store against the demo host', () => {
  it('reads the active timeline at a glance', async () => {
    const { store } = demo();
    await store.getState().refresh();
    const s = selectTimelineSummary(store.getState())!;
    expect({ name: s.name, rate: s.rate, start: s.startTimecode, duration: s.duration, frames: s.durationFrames, events: s.events }).toEqual({
      name: 'THE_LOCK_SC42_v1',
      rate: '23.976',
      start: '01:00:00:00',
      duration: '00:00:29:07',
      frames: 703,
      events: 14,
    });
    expect(s.tracks.map((t) => [t.label, t.kind, t.events])).toEqual([
      ['V1', 'video', 11],
      ['V2', 'video', 1],
      ['A1', 'audio', 1],
      ['A2', 'audio', 1],
    ]);
    expect(store.getState().timelines.map((t) => t.id)).toEqual(['scene-v1.xml', 'scene-v2.edl']);
  });

  it('runs lint and conform with 8-frame handles and places every finding on the timeline', async () => {
    const { store } = demo();
    await store.getState().runChecks();
    const rows = selectFindingRows(store.getState());
    expect(rows.visible.map((f) => [f.code, f.where.event, f.where.frames?.start, f.where.frames?.end])).toEqual([
      ['CONFORM_HANDLES_SHORT', '012', 487, 559],
      ['CONFORM_MEDIA_MISSING', '013', 559, 619],
      ['CONFORM_HANDLES_SHORT', '014', 619, 703],
      ['CHECK_FLASH_FRAME', '008', 282, 283],
      ['CHECK_OVERLAP', '005', 96, 156],
      ['CHECK_TRANSITION', '010', 349, 439],
      ['CHECK_SPEED_CHANGE', '011', 439, 487],
    ]);
    expect(rows.counts).toEqual({ error: 3, warning: 1, info: 3 });
    // Media offline is said out loud, with what to do.
    const offline = store.getState().notices.find((n) => n.code === 'MEDIA_OFFLINE')!;
    expect(offline.message).toBe('1 event has no media the host can find.');
    // The strip: 703 frames on 10 slices of 70.3 frames; the flash frame at 282 sits in slice 4.
    expect(stripBucketsOf(rows.visible, 703, 10).map((b) => b.severity ?? '-')).toEqual(['-', 'info', 'info', '-', 'warning', 'info', 'error', 'error', 'error', 'error']);
  });

  it('filters by severity and code, moves the playhead, marks and waives', async () => {
    const { store, host } = demo();
    await store.getState().runChecks();
    store.getState().toggleSeverity('info');
    expect(selectFindingRows(store.getState()).visible.map((f) => f.code)).toEqual(['CONFORM_HANDLES_SHORT', 'CONFORM_MEDIA_MISSING', 'CONFORM_HANDLES_SHORT', 'CHECK_FLASH_FRAME']);
    store.getState().setCodeFilter('CONFORM_HANDLES_SHORT');
    const rows = selectFindingRows(store.getState());
    expect(rows.visible.map((f) => f.where.frames?.start)).toEqual([487, 619]);

    expect(await store.getState().goToFinding(rows.visible[1]!)).toBe(true);
    expect(host.playhead('scene-v1.xml')).toBe(619);
    expect(store.getState().playhead).toBe(619);

    const before = (await host.readMarkers('scene-v1.xml')) as { ok: true; value: readonly { name: string; color: string; frames: { start: number; end: number } }[] };
    await store.getState().markAll();
    const after = (await host.readMarkers('scene-v1.xml')) as typeof before;
    const added = after.value.filter((m) => !before.value.includes(m));
    expect(added.map((m) => [m.name, m.color, m.frames.start, m.frames.end])).toEqual([
      ['CONFORM_HANDLES_SHORT', 'red', 487, 559],
      ['CONFORM_HANDLES_SHORT', 'red', 619, 703],
    ]);

    expect(store.getState().waive(rows.visible[0]!, '  ')).toBe(false);
    expect(store.getState().notices.at(-1)!.title).toBe('Reason needed');
    expect(store.getState().waive(rows.visible[0]!, 'client accepts the frozen tail (email 2025-03-19)')).toBe(true);
    expect(store.getState().waivers).toEqual([
      { code: 'CONFORM_HANDLES_SHORT', where: { track: 'V1', event: '012', clip: '42F-2', recordIn: '01:00:20:07' }, who: 'assistant', when: '2025-03-20', why: 'client accepts the frozen tail (email 2025-03-19)' },
    ]);
    const waived = selectFindingRows(store.getState());
    expect(waived.visible.map((f) => f.where.frames?.start)).toEqual([619]);
    expect(waived.waived.map((w) => w.finding.where.frames?.start)).toEqual([487]);
  });

  it('validates the sequence settings against a profile now', async () => {
    const { store } = demo();
    expect(await store.getState().validateSpec()).toBe(true);
    const netflix = store.getState().specEvaluation!;
    expect(netflix.results.map((r) => [r.actual, r.outcome, r.severity])).toEqual([
      ['24000/1001 (23.976)', 'pass', 'error'],
      ['01:00:00:00', 'pass', 'warning'],
    ]);
    store.getState().setProfile('apple.tv.prores-hd');
    expect(store.getState().specEvaluation).toBeUndefined();
    await store.getState().validateSpec();
    const apple = store.getState().specEvaluation!;
    expect(apple.results.map((r) => [r.name, r.requested, r.actual, r.outcome])).toEqual([['Is the raster 1920x1080?', '1920x1080', '3840x2160', 'fail']]);
    expect(apple.findings.map((f) => f.severity)).toEqual(['warning']);
  });

  it('previews every deliverable under a convention and says what fails', async () => {
    const { store } = demo();
    await store.getState().refresh();
    store.getState().setConvention('platform-master');
    store.getState().setNamingValue('season', '1');
    store.getState().setNamingValue('episode', '4');
    store.getState().setNamingValue('title', 'the_lock');
    const view = selectDeliverPlan(store.getState());
    expect(view.implied).toEqual(['mezzanine', 'stems']);
    // The planner shapes its element codes to the convention's `element` field (no hyphen).
    expect(view.findings.filter((f) => f.code === 'DELIVER_NAMING_FAILED' || f.code === 'DELIVER_NAME_OFF_CONVENTION').map((f) => f.message)).toEqual([]);
    expect(view.jobs.map((j) => [j.job.output.name, j.nameFindings.map((f) => f.message)])).toEqual([
      ['the_lock_s01e04_v01_MEZZPRORES422HQ_UHD_23976.mov', []],
      ['the_lock_s01e04_v01_STEMA1_AUDIO_23976.wav', []],
      ['the_lock_s01e04_v01_STEMA2_AUDIO_23976.wav', []],
    ]);
  });

  it('plans, queues and renders a delivery in the host queue, then re-checks and reports', async () => {
    const { store, host, clock } = demo();
    await store.getState().refresh();
    const view = selectDeliverPlan(store.getState());
    expect(view.jobs.filter((j) => j.selected).map((j) => [j.job.id, j.job.output.folder, j.job.output.name, j.nameFindings.length])).toEqual([
      ['01-mezzanine', 'mezzanine', 'THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov', 0],
      ['02-stems-a1', 'stems', 'THE-LOCK-SC42-v1_STEM-A1_AUDIO_23976.wav', 0],
      ['03-stems-a2', 'stems', 'THE-LOCK-SC42-v1_STEM-A2_AUDIO_23976.wav', 0],
    ]);
    store.getState().toggleDeliverable('stems');
    expect(await store.getState().planDelivery()).toBe(true);
    expect(store.getState().deliverJobs.map((j) => [j.jobId, j.presetId, j.outputFolder, j.outputName, j.extension])).toEqual([
      ['r1-01-mezzanine', 'demo-prores-hq', 'Deliveries', 'THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976', 'mov'],
    ]);
    expect(await store.getState().queueDelivery()).toBe(true);
    expect(selectDeliverProgress(store.getState())).toEqual({ total: 1, completed: 0, failed: 0, percent: 0, running: true });
    // 703 frames at 240 frames a second of demo clock: half way after 1,464 ms.
    clock.t += 1465;
    await store.getState().pollOnce();
    expect(store.getState().deliverJobs[0]!.status!.state).toBe('running');
    expect(store.getState().deliverJobs[0]!.status!.percent).toBe(50);
    clock.t += 2000;
    await store.getState().pollOnce();
    const job = store.getState().deliverJobs[0]!;
    expect(store.getState().deliverStatus).toBe('done');
    expect(job.status!.outputPath).toBe('Deliveries/THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov');
    expect(job.recheck).toEqual([]);
    expect(store.getState().notices.at(-1)!.title).toBe('Delivery complete');
    expect(host.callCount()).toBeGreaterThan(0);
    const report = store.getState().buildPanelReport();
    expect(report.title).toBe('Picturelock: THE_LOCK_SC42_v1');
    expect(report.sections.map((s) => s.title)).toEqual(['Timeline', 'Deliverables']);
  });
});

describe('panel store says what went wrong and what to do', () => {
  it('host not ready: a notice with the action, and the timeline left empty', async () => {
    const { host } = demo();
    const notReady: Host = { ...host, info: async () => hostErr('premiere-uxp', 'HOST_NOT_READY', 'Premiere Pro has no project open.') };
    const store = createPanelStore({ host: notReady, pollIntervalMs: 0 });
    await store.getState().runChecks();
    expect(store.getState().notices.map((n) => [n.code, n.title, n.message, n.action])).toEqual([
      ['HOST_NOT_READY', 'Host not ready (connect to the host)', 'Premiere Pro has no project open.', 'Open a project in the host application, then press Retry.'],
    ]);
    expect(store.getState().hostStatus).toBe('error');
    expect(store.getState().checksStatus).toBe('idle');
  });

  it('no active sequence: checks, spec and delivery each say so', async () => {
    const { host } = demo();
    const none: Host = { ...host, readTimeline: async () => hostErr('premiere-cep', 'NO_ACTIVE_TIMELINE', 'No sequence is open.') };
    const store = createPanelStore({ host: none, pollIntervalMs: 0 });
    await store.getState().refresh();
    expect(store.getState().timelineStatus).toBe('error');
    await store.getState().runChecks();
    expect(store.getState().notices.map((n) => [n.code, n.title])).toEqual([
      ['NO_ACTIVE_TIMELINE', 'No active sequence (read the timeline)'],
      ['NO_ACTIVE_TIMELINE', 'No timeline loaded'],
    ]);
    expect(await store.getState().planDelivery()).toBe(false);
  });

  it('render queue busy: the queue call fails with the action, and nothing is left rendering', async () => {
    const { host } = demo();
    const busy: Host = { ...host, queueRenderJobs: async () => hostErr('resolve', 'RENDER_QUEUE_BUSY', 'Resolve is rendering 3 jobs of another project.') };
    const store = createPanelStore({ host: busy, pollIntervalMs: 0 });
    await store.getState().refresh();
    expect(await store.getState().queueDelivery()).toBe(false);
    expect(store.getState().notices.at(-1)).toMatchObject({
      code: 'RENDER_QUEUE_BUSY',
      title: 'Render queue busy (queue the render jobs)',
      message: 'Resolve is rendering 3 jobs of another project.',
      action: 'The host is rendering other jobs: wait for them or stop them, then queue again.',
    });
    expect(store.getState().deliverStatus).toBe('planned');
  });

  it('a failed render is reported by the re-check, not hidden', async () => {
    const { host, store, clock } = demo();
    await store.getState().refresh();
    store.getState().toggleDeliverable('stems');
    await store.getState().planDelivery();
    await store.getState().queueDelivery();
    host.failJob('r1-01-mezzanine');
    clock.t += 5000;
    await store.getState().pollOnce();
    expect(store.getState().deliverJobs[0]!.recheck!.map((f) => [f.code, f.message])).toEqual([
      ['DELIVER_JOB_FAILED', 'THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov (job r1-01-mezzanine) failed: Render failed: the output volume is full'],
    ]);
    expect(store.getState().notices.at(-1)!.title).toBe('Delivery has problems');
  });
});
