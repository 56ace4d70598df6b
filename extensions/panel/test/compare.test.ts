import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPanelStore } from '../store/index.ts';
import { selectFindingRows } from '../store/selectors.ts';
import { DEMO_ONLINE_ID } from '../demo/online.ts';
import { exampleDemoHost } from '../demo/project.ts';

/**
 * The colorist's flow from the product brief, on the demo project without React: open the
 * conformed online timeline, compare it with the offline EDL, find the shot that slipped by two
 * frames, go to it and put a red marker on it.
 */
const exampleBytes = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../../examples/${name}`, import.meta.url))));

async function onlineStore() {
  const host = exampleDemoHost();
  const store = createPanelStore({ host, pollIntervalMs: 0, now: () => new Date('2025-03-20T10:00:00Z') });
  await store.getState().openTimeline(DEMO_ONLINE_ID);
  return { host, store };
}

describe('compare the conformed timeline with the offline list', () => {
  it('finds exactly one two-frame slip on 42A-3, goes to it and marks it red on the demo host', async () => {
    const { host, store } = await onlineStore();
    expect(store.getState().current?.ref).toEqual({ id: DEMO_ONLINE_ID, name: 'THE_LOCK_SC42_v1_ONLINE' });
    expect(await store.getState().compareWithOffline(exampleBytes('scene-v1.edl'), 'scene-v1.edl')).toBe(true);

    const found = store.getState().compareFindings;
    expect(found.map((f) => [f.code, f.severity, f.params, f.where.event, f.where.frames, f.expected, f.actual])).toEqual([
      ['DIFF_SLIP', 'error', { event: '006', clip: '42A-3', frames: 2 }, '006', { start: 156, end: 228 }, '14:36:01:10', '14:36:01:12'],
    ]);
    expect(store.getState().compareList).toEqual({ name: 'scene-v1.edl', format: 'edl', timelineId: DEMO_ONLINE_ID });
    const notices = store.getState().notices.map((n) => [n.code, n.message]);
    expect(notices).toEqual([
      ['OFFLINE_RATE_ASSUMED', "scene-v1.edl is an EDL, which states no frame rate: it was read at THE_LOCK_SC42_v1_ONLINE's 23.976 fps."],
      ['OFFLINE_DIFFERS', 'THE_LOCK_SC42_v1_ONLINE differs from the offline: 1 slipped shot.'],
    ]);

    // In the one list with the checks: filterable, and a click moves the playhead to 01:00:06:12.
    const rows = selectFindingRows(store.getState());
    expect(rows.codes).toEqual([{ code: 'DIFF_SLIP', count: 1 }]);
    expect(await store.getState().goToFinding(rows.visible[0]!)).toBe(true);
    expect(host.playhead(DEMO_ONLINE_ID)).toBe(156);

    await store.getState().markAll();
    const markers = await host.readMarkers(DEMO_ONLINE_ID);
    expect(markers.ok && markers.value.filter((m) => m.id?.startsWith('demo-marker-')).map((m) => [m.name, m.color, m.frames])).toEqual([['DIFF_SLIP', 'red', { start: 156, end: 228 }]]);
    expect(store.getState().notices.at(-1)?.message).toBe('1 marker on THE_LOCK_SC42_v1_ONLINE.');
  });

  it('keeps the comparison beside the checks of the same timeline, and Mark all writes both', async () => {
    const { host, store } = await onlineStore();
    await store.getState().runChecks();
    await store.getState().compareWithOffline(exampleBytes('scene-v1.edl'), 'scene-v1.edl');
    const rows = selectFindingRows(store.getState());
    // Errors first, then by record position: the slip at 156 before the handles at 487.
    expect(rows.visible.slice(0, 4).map((f) => [f.code, f.where.frames?.start])).toEqual([
      ['DIFF_SLIP', 156],
      ['CONFORM_HANDLES_SHORT', 487],
      ['CONFORM_MEDIA_MISSING', 559],
      ['CONFORM_HANDLES_SHORT', 619],
    ]);
    expect(rows.counts).toEqual({ error: 4, warning: 1, info: 3 });
    store.getState().setCodeFilter('DIFF_SLIP');
    expect(selectFindingRows(store.getState()).visible.map((f) => f.code)).toEqual(['DIFF_SLIP']);
    store.getState().setCodeFilter('');
    await store.getState().markAll();
    const markers = await host.readMarkers(DEMO_ONLINE_ID);
    // The demo host keeps its markers in record order.
    expect(markers.ok && markers.value.filter((m) => m.id?.startsWith('demo-marker-')).map((m) => [m.name, m.color, m.frames.start])).toEqual([
      ['CHECK_OVERLAP', 'blue', 96],
      ['DIFF_SLIP', 'red', 156],
      ['CHECK_FLASH_FRAME', 'yellow', 282],
      ['CHECK_TRANSITION', 'blue', 349],
      ['CHECK_SPEED_CHANGE', 'blue', 439],
      ['CONFORM_HANDLES_SHORT', 'red', 487],
      ['CONFORM_MEDIA_MISSING', 'red', 559],
      ['CONFORM_HANDLES_SHORT', 'red', 619],
    ]);
    // Checks run again on another timeline: the comparison (made on the online) leaves the list.
    await store.getState().openTimeline('scene-v1.xml');
    await store.getState().runChecks();
    expect(store.getState().compareFindings).toEqual([]);
    expect(selectFindingRows(store.getState()).codes.some((c) => c.code.startsWith('DIFF_'))).toBe(false);
  });

  it('says the cut matches when it does, and drops checks made on another timeline', async () => {
    const { store } = await onlineStore();
    await store.getState().openTimeline('scene-v1.xml');
    await store.getState().runChecks();
    expect(store.getState().checkFindings.length).toBe(7);
    await store.getState().openTimeline('scene-v1.edl');
    expect(await store.getState().compareWithOffline(exampleBytes('scene-v1.xml'), 'scene-v1.xml')).toBe(true);
    expect(store.getState().compareFindings).toEqual([]);
    expect(store.getState().checkFindings).toEqual([]);
    expect(store.getState().notices.at(-1)).toMatchObject({ level: 'success', title: 'Compared with scene-v1.xml', message: 'THE_LOCK_SC42_v1 matches the offline shot for shot.' });
  });

  it('says why a list cannot be compared: an ALE, bytes no reader knows, another rate', async () => {
    const { store } = await onlineStore();
    expect(await store.getState().compareWithOffline(exampleBytes('media.ale'), 'media.ale')).toBe(false);
    expect(store.getState().notices.at(-1)).toMatchObject({ code: 'OFFLINE_UNREADABLE', title: 'Cannot read media.ale', message: 'media.ale is an ALE: a list of media, not a cut to compare with.' });
    expect(await store.getState().compareWithOffline(new TextEncoder().encode('hello, colorist\n'), 'notes.txt')).toBe(false);
    const unknown = store.getState().notices.at(-1)!;
    expect([unknown.code, unknown.title]).toEqual(['OFFLINE_UNREADABLE', 'Cannot read notes.txt']);
    expect(unknown.message).toContain('CMX3600 EDL, FCP7 XML (xmeml), FCPXML, OpenTimelineIO JSON, Avid ALE and AAF');
    expect(await store.getState().compareWithOffline(exampleBytes('scene-v1.edl'), 'scene-v1.edl', { num: 25, den: 1, dropFrame: false })).toBe(false);
    expect(store.getState().notices.at(-1)?.message).toBe('scene-v1.edl runs at 25 fps and THE_LOCK_SC42_v1_ONLINE at 23.976: shots cannot be compared frame for frame.');
    expect(store.getState().compareFindings).toEqual([]);
  });
});
