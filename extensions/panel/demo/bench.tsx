import { clip, gap, range, timeline, track, writeInterchange, type FrameRate, type TrackItem } from '@picturelock/core';
import { createDemoHost } from '@picturelock/host-bridge/browser';
import { mountPanel, PANEL_THEMES } from '../index.ts';

/**
 * The panel bench page (`npm run bench -- panel`): a 5,000-event cut in the demo host, the
 * checks run through the panel, then the findings list scrolled frame by frame. Results land
 * on `window.panelBench`; nothing here asserts a time.
 */
const R: FrameRate = { num: 24000, den: 1001, dropFrame: false };
const EVENTS = 5000;

function benchCut() {
  const items: TrackItem[] = [];
  for (let i = 0; i < EVENTS; i++) {
    // Nine in ten events are 2-frame flash frames; every seventh is followed by a 1-frame gap.
    const frames = i % 10 === 9 ? 24 : 2;
    const reel = `A${String(1 + Math.floor(i / 900)).padStart(3, '0')}C${String(1 + (i % 900)).padStart(3, '0')}`;
    items.push(clip({ name: `${reel}-take`, reel, sourceRange: range(86400 * 14 + i * 30, frames, R) }));
    if (i % 7 === 6) items.push(gap(1, R));
  }
  return timeline({ name: 'BENCH_5000', rate: R, startFrame: 86400, tracks: [track({ name: 'V1', trackKind: 'video', children: items })] });
}

interface BenchResult {
  findings: number;
  /** From navigation start to the first findings rows on screen, in ms. */
  loadToFirstRender: number;
  /** Of that: making the 5,000-event cut and loading it into the demo host (the bench's own setup), in ms. */
  hostSetup: number;
  /** From pressing Run checks to the first findings rows on screen, in ms. */
  checksToFirstRender: number;
  /** Frame-to-frame times while scrolling the list, in ms. */
  scrollFrames: number[];
}

const nextFrame = () => new Promise<number>((r) => requestAnimationFrame(r));

async function run(): Promise<BenchResult> {
  const s0 = performance.now();
  const text = writeInterchange(benchCut(), 'otio').text;
  const host = createDemoHost({ files: [{ name: 'bench.otio', text }] });
  const hostSetup = performance.now() - s0;
  const panel = mountPanel(document.getElementById('panel')!, { host, theme: PANEL_THEMES.demo });
  while (panel.store.getState().timelineStatus !== 'ready') await nextFrame();
  (document.querySelector('[data-tab="checks"]') as HTMLElement).click();
  while (!document.querySelector('[data-testid="run-checks"]')) await nextFrame();
  const t0 = performance.now();
  (document.querySelector('[data-testid="run-checks"]') as HTMLElement).click();
  while (!document.querySelector('[data-testid="findings-list"] [data-index="0"]')) await new Promise((r) => setTimeout(r, 0));
  await nextFrame();
  const painted = performance.now();
  const list = document.querySelector('[data-testid="findings-list"]') as HTMLElement;
  const findings = Number(list.dataset['rows']);
  const scrollFrames: number[] = [];
  await nextFrame();
  let last = await nextFrame();
  // 240 frames of scrolling, 11 rows a frame, down then up: past every row of the list.
  for (let k = 0; k < 240; k++) {
    list.scrollTop += (k < 120 ? 1 : -1) * 11 * 22 * Math.max(1, Math.floor(findings / 2700));
    const now = await nextFrame();
    scrollFrames.push(now - last);
    last = now;
  }
  return { findings, loadToFirstRender: painted, hostSetup, checksToFirstRender: painted - t0, scrollFrames };
}

run().then(
  (r) => Object.assign(window, { panelBench: r }),
  (e: unknown) => Object.assign(window, { panelBench: { error: String(e) } }),
);
