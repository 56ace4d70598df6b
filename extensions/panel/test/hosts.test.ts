import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readFcp7Xml, type Timeline } from '@picturelock/core';
import { createFakePremiereCep, createFakePremiereUxpHost, createFakeResolveHost, type Host } from '@picturelock/host-bridge';
import { createPanelStore } from '../store/index.ts';
import { selectFindingRows, selectTimelineSummary } from '../store/selectors.ts';

/**
 * The same store, through the real Premiere CEP, Premiere UXP and Resolve adapters over their
 * fakes, loaded with the example cut (scene-v1.xml). The fakes carry no media inventory, so
 * conform matching is skipped (and said so) and the timeline lint runs.
 */
const cut: Timeline = readFcp7Xml(readFileSync(fileURLToPath(new URL('../../../examples/scene-v1.xml', import.meta.url)), 'utf8')).value![0]!;

interface Fake {
  readonly host: Host;
  readonly controls: { completeRenderJobs(): Promise<void>; readonly outputFolder: string };
}

const hosts: readonly [string, () => Fake][] = [
  ['premiere-cep', () => createFakePremiereCep([cut])],
  ['premiere-uxp', () => createFakePremiereUxpHost([cut])],
  ['resolve', () => createFakeResolveHost(cut)],
];

describe.each(hosts)('panel store through the %s adapter', (_name, make) => {
  it('reads the cut, lints it, moves the playhead, marks and renders', async () => {
    const { host, controls } = make();
    const store = createPanelStore({ host, pollIntervalMs: 0, now: () => new Date('2025-03-20T10:00:00Z') });
    await store.getState().refresh();
    const s = selectTimelineSummary(store.getState())!;
    expect([s.name, s.rate, s.startTimecode, s.durationFrames, s.events]).toEqual(['THE_LOCK_SC42_v1', '23.976', '01:00:00:00', 703, 14]);

    await store.getState().runChecks();
    const rows = selectFindingRows(store.getState()).visible;
    expect(rows.filter((f) => f.code.startsWith('CHECK_')).map((f) => [f.code, f.where.frames?.start])).toEqual([
      ['CHECK_FLASH_FRAME', 282],
      ['CHECK_OVERLAP', 96],
      ['CHECK_TRANSITION', 349],
      ['CHECK_SPEED_CHANGE', 439],
    ]);

    const flash = rows.find((f) => f.code === 'CHECK_FLASH_FRAME')!;
    const caps = store.getState().hostInfo!.capabilities;
    expect(await store.getState().goToFinding(flash)).toBe(caps.setPlayhead);

    if (caps.writeMarkers) {
      await store.getState().markAll();
      expect(store.getState().notices.at(-1)!.title).toBe('Markers written');
      const m = await host.readMarkers(store.getState().current!.ref.id);
      expect(m.ok && m.value.filter((x) => x.name === 'CHECK_FLASH_FRAME').map((x) => [x.color, x.frames.start])).toEqual([['yellow', 282]]);
    }

    store.getState().setOutputFolder(controls.outputFolder);
    store.getState().toggleDeliverable('stems');
    await store.getState().loadPresets();
    // The preset that writes QuickTime: the re-check would flag any other container.
    const mov = store.getState().hostPresets.find((p) => p.extension === 'mov' || /prores/i.test(p.name))!;
    store.getState().setHostPreset('mezzanine', mov.id);
    const queued = await store.getState().queueDelivery();
    expect(queued).toBe(true);
    await controls.completeRenderJobs();
    for (let i = 0; i < 20 && store.getState().deliverStatus === 'rendering'; i++) {
      await store.getState().pollOnce();
      if (store.getState().deliverStatus === 'rendering') await controls.completeRenderJobs();
    }
    const jobs = store.getState().deliverJobs;
    expect(jobs.map((j) => [j.status?.state, j.recheck?.filter((f) => f.severity === 'error').map((f) => f.message)])).toEqual([['completed', []]]);
    // The adapters read the sequence frame size from the host (1920x1080 in the fakes), so the name says HD.
    expect(jobs[0]!.status!.outputPath).toBe(`${controls.outputFolder}/THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_HD_23976.mov`);
  });
});
