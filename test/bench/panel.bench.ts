import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../panel/chromium.ts';
import type { Bench } from './harness.ts';

/**
 * The panel in Chromium (the production build of its bench page): a 5,000-event cut whose
 * lint gives about 5,000 findings. Timed run: one page load to the first rows of the findings
 * list. The note: load-to-first-render and checks-to-first-render medians, and frame times
 * while the list is scrolled past every row (max and median over 240 frames of every run).
 * Aim (issue 10): first render under 300 ms, no frame over 50 ms.
 */
const CONFIG = fileURLToPath(new URL('../../extensions/panel/demo/vite.config.ts', import.meta.url));

interface PageResult {
  findings: number;
  loadToFirstRender: number;
  hostSetup: number;
  checksToFirstRender: number;
  scrollFrames: number[];
  error?: string;
}

let browser: Browser | undefined;
let url = '';
let close: (() => Promise<void>) | undefined;
const runs: PageResult[] = [];

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const benches: Bench[] = [
  {
    operation: 'panel: load to first render of findings, then scroll (Chromium)',
    size: '5,000 events',
    iterations: 3,
    warmup: 1,
    async setup() {
      const { build, preview } = await import('vite');
      const outDir = mkdtempSync(join(tmpdir(), 'picturelock-panel-bench-'));
      await build({ configFile: CONFIG, logLevel: 'error', build: { outDir, emptyOutDir: true } });
      const server = await preview({ configFile: CONFIG, logLevel: 'error', build: { outDir }, preview: { port: 0, host: '127.0.0.1', open: false } });
      url = server.resolvedUrls?.local[0] ?? '';
      browser = await launchChromium();
      close = async () => {
        await browser?.close();
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      };
    },
    async run() {
      const page = await browser!.newPage({ viewport: { width: 1000, height: 800 } });
      await page.goto(`${url}bench.html`);
      await page.waitForFunction(() => 'panelBench' in window, undefined, { timeout: 60_000 });
      const r = (await page.evaluate(() => (window as unknown as { panelBench: PageResult }).panelBench)) as PageResult;
      await page.close();
      if (r.error) throw new Error(r.error);
      runs.push(r);
    },
    note() {
      const timed = runs.slice(1);
      const frames = timed.flatMap((r) => r.scrollFrames);
      const text = `${timed[0]?.findings ?? 0} findings; load→first render ${median(timed.map((r) => r.loadToFirstRender)).toFixed(0)} ms (of which making and loading the cut in the demo host ${median(timed.map((r) => r.hostSetup)).toFixed(0)} ms), checks→first render ${median(timed.map((r) => r.checksToFirstRender)).toFixed(0)} ms; scroll frames max ${Math.max(...frames).toFixed(1)} ms, median ${median(frames).toFixed(1)} ms, over 50 ms ${frames.filter((f) => f > 50).length} of ${frames.length}`;
      void close?.();
      return text;
    },
  },
];
