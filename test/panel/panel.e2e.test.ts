import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, startDemo } from './chromium.ts';

/**
 * The panel end to end in real Chromium: `picturelock demo` serves it against the demo host
 * with the example project; the test works the page the way a newcomer would and keeps a
 * screenshot of every view in test-output/panel/.
 */
const OUT = fileURLToPath(new URL('../../test-output/panel/', import.meta.url));

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
let page: Page;
const errors: string[] = [];

const shot = (name: string) => page.screenshot({ path: `${OUT}${name}.png`, fullPage: true });
const hostPlayhead = () => page.evaluate(() => (window as unknown as { picturelock: { host: { playhead(id: string): number | undefined } } }).picturelock.host.playhead('scene-v1.xml'));

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  demo = await startDemo();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 860 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(demo.url);
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

describe('panel in Chromium against the demo host', () => {
  it('shows the active timeline at a glance', async () => {
    await page.getByTestId('tl-name').waitFor();
    expect(await page.getByTestId('tl-name').textContent()).toBe('THE_LOCK_SC42_v1');
    expect(await page.getByTestId('tl-rate').textContent()).toBe('23.976 fps');
    expect(await page.getByTestId('tl-start').textContent()).toBe('01:00:00:00');
    expect(await page.getByTestId('tl-duration').textContent()).toBe('00:00:29:07 (703 fr)');
    expect(await page.getByTestId('tl-events').textContent()).toBe('14');
    expect(await page.getByTestId('host-line').textContent()).toBe('Picturelock demo project 1 · THE_LOCK_SC42_v1');
    await shot('1-timeline');
  });

  it('runs the checks and shows the findings on the strip and in the list', async () => {
    await page.getByRole('button', { name: 'Run checks' }).click();
    const list = page.getByTestId('findings-list');
    await list.locator('[data-index="6"]').waitFor();
    expect(await list.getAttribute('data-rows')).toBe('7');
    expect(await list.locator('[role=option]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual([
      'CONFORM_HANDLES_SHORT',
      'CONFORM_MEDIA_MISSING',
      'CONFORM_HANDLES_SHORT',
      'CHECK_FLASH_FRAME',
      'CHECK_OVERLAP',
      'CHECK_TRANSITION',
      'CHECK_SPEED_CHANGE',
    ]);
    // 703 frames on 160 slices: event 012 (record 487) starts the red run at slice 110.
    const strip = await page.getByTestId('strip-findings').locator('.pl-bucket').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-severity')));
    expect(strip.indexOf('error')).toBe(110);
    expect(strip.slice(110).every((s) => s === 'error')).toBe(true);
    expect(strip[64]).toBe('warning');
    await expect.poll(() => page.locator('[data-code="MEDIA_OFFLINE"]').textContent()).toContain('1 event has no media the host can find.');
    await shot('2-checks');
  });

  it('moves the demo host playhead to a clicked finding, and by keyboard', async () => {
    await page.getByTestId('findings-list').locator('[data-code="CHECK_FLASH_FRAME"]').click();
    await expect.poll(hostPlayhead).toBe(282);
    await expect.poll(() => page.getByTestId('demo-host').textContent()).toContain('playhead 01:00:11:18');
    await page.getByTestId('findings-list').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await expect.poll(hostPlayhead).toBe(439);
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press(' ');
    await expect.poll(hostPlayhead).toBe(559);
    expect(await page.getByTestId('finding-detail').textContent()).toContain('CONFORM_MEDIA_MISSING');
  });

  it('marks every finding on the sequence and waives one with a reason', async () => {
    await page.getByTestId('mark-all').click();
    await expect.poll(() => page.getByTestId('notices').textContent()).toContain('7 markers on THE_LOCK_SC42_v1');
    await page.getByTestId('findings-list').locator('[data-code="CHECK_OVERLAP"]').click();
    await page.getByLabel('Waiver reason').fill('VFX comp over its plate, by design');
    await page.getByRole('button', { name: 'Waive' }).click();
    await expect.poll(() => page.getByTestId('findings-list').getAttribute('data-rows')).toBe('6');
    expect(await page.getByTestId('waived').textContent()).toContain('VFX comp over its plate, by design');
    await shot('3-checks-waived');
  });

  it('previews the names of every deliverable and says what fails', async () => {
    await page.getByRole('tab', { name: 'Naming' }).click();
    const names = () => page.getByTestId('naming-name').allTextContents();
    expect(await names()).toEqual([
      'mezzanine/THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov',
      'stems/THE-LOCK-SC42-v1_STEM-A1_AUDIO_23976.wav',
      'stems/THE-LOCK-SC42-v1_STEM-A2_AUDIO_23976.wav',
    ]);
    await page.getByTestId('convention').selectOption('house');
    await page.getByTestId('naming-show').fill('LOCK');
    await expect.poll(() => page.getByTestId('naming-preview').textContent()).toContain('job 01-mezzanine: field `episode` has no value');
    await page.getByTestId('naming-episode').fill('4');
    await page.getByTestId('naming-version').fill('2');
    // The house template has no element: all three deliverables get one name, and the plan says so.
    const today = await page.evaluate(() => new Date().toISOString().slice(0, 10).replace(/-/g, ''));
    await expect.poll(names).toEqual([`mezzanine/LOCK_04_v002_${today}.mov`, `stems/LOCK_04_v002_${today}.wav`, `stems/LOCK_04_v002_${today}.wav`]);
    await shot('4-naming');
    await page.getByTestId('convention').selectOption('');
    await expect.poll(names).toEqual([
      'mezzanine/THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov',
      'stems/THE-LOCK-SC42-v1_STEM-A1_AUDIO_23976.wav',
      'stems/THE-LOCK-SC42-v1_STEM-A2_AUDIO_23976.wav',
    ]);
  });

  it('validates the sequence settings against a profile', async () => {
    await page.getByRole('tab', { name: 'Spec' }).click();
    await page.getByTestId('profile').selectOption('apple.tv.prores-hd');
    await page.getByTestId('validate-spec').click();
    await page.getByTestId('spec-results').waitFor();
    expect(await page.getByTestId('spec-results').textContent()).toContain('Is the raster 1920x1080?1920x10803840x2160fail (warning)');
    await shot('5-spec');
    await page.getByTestId('profile').selectOption('netflix.prores.kmrb');
  });

  it('plans and queues a delivery, watches it render, and opens the report', async () => {
    await page.getByRole('tab', { name: 'Deliver' }).click();
    await page.getByTestId('deliverable-stems').uncheck();
    await page.getByTestId('deliverable-review-h264').check();
    await page.getByTestId('queue-delivery').click();
    const jobs = page.getByTestId('job');
    await expect.poll(() => jobs.count()).toBe(2);
    await expect.poll(() => jobs.evaluateAll((js) => js.some((j) => j.getAttribute('data-state') === 'running')), { timeout: 10_000 }).toBe(true);
    await shot('6-deliver-rendering');
    await expect.poll(() => jobs.evaluateAll((js) => js.map((j) => j.getAttribute('data-state'))), { timeout: 20_000, interval: 250 }).toEqual(['completed', 'completed']);
    expect(await page.getByTestId('jobs').textContent()).toContain('Deliveries/THE-LOCK-SC42-v1_MEZZ-PRORES422HQ_UHD_23976.mov');
    await expect.poll(() => page.getByTestId('notices').textContent()).toContain('2 files rendered and re-checked.');
    await page.getByTestId('open-report').click();
    await page.getByTestId('report').waitFor();
    expect(await page.getByTestId('report-text').textContent()).toContain('THE_LOCK_SC42_v1');
    await shot('7-deliver-report');
    expect(errors).toEqual([]);
  });

  it('compares the conformed online with the offline EDL, goes to the slipped shot and marks it red', async () => {
    const onlinePlayhead = () => page.evaluate(() => (window as unknown as { picturelock: { host: { playhead(id: string): number | undefined } } }).picturelock.host.playhead('online-conform'));
    await page.getByRole('tab', { name: 'Timeline' }).click();
    await page.locator('select[aria-label="Timeline"]').selectOption('online-conform');
    await expect.poll(() => page.getByTestId('tl-name').textContent()).toBe('THE_LOCK_SC42_v1_ONLINE');
    await page.getByRole('tab', { name: /^Checks/ }).click();
    // The file picker (browser, CEP, Resolve) with the example EDL from disk...
    await page.getByTestId('offline-file').setInputFiles(fileURLToPath(new URL('../../examples/scene-v1.edl', import.meta.url)));
    await expect.poll(() => page.getByTestId('compare-summary').textContent()).toBe('vs scene-v1.edl: 1 difference');
    // ...and the demo's one-click comparison with the bundled copy.
    await page.getByRole('button', { name: 'Compare with examples/scene-v1.edl' }).click();
    await expect.poll(() => page.getByTestId('compare-summary').textContent()).toBe('vs examples/scene-v1.edl: 1 difference');
    const list = page.getByTestId('findings-list');
    // The checks ran on scene-v1.xml: only the comparison is about this timeline.
    expect(await list.getAttribute('data-rows')).toBe('1');
    expect(await list.locator('[role=option]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')))).toEqual(['DIFF_SLIP']);
    expect(await page.getByTestId('notices').textContent()).toContain('read at THE_LOCK_SC42_v1_ONLINE\'s 23.976 fps');
    // 42A-3 runs 156 to 228 of 703 frames: slices 35 to 51 of the strip are red.
    const strip = await page.getByTestId('strip-findings').locator('.pl-bucket').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-severity')));
    expect([strip.indexOf('error'), strip.lastIndexOf('error')]).toEqual([35, 51]);
    await list.locator('[data-code="DIFF_SLIP"]').click();
    await expect.poll(onlinePlayhead).toBe(156);
    await expect.poll(() => page.getByTestId('demo-host').textContent()).toContain('playhead 01:00:06:12');
    expect(await page.getByTestId('finding-detail').textContent()).toContain('event 006 (42A-3): the online uses the same clip 2 frames later in the source');
    await page.getByTestId('mark-all').click();
    await expect.poll(() => page.getByTestId('notices').textContent()).toContain('1 marker on THE_LOCK_SC42_v1_ONLINE');
    await expect.poll(() => page.getByTestId('demo-host').textContent()).toContain('(last: red DIFF_SLIP 01:00:06:12 on online-conform)');
    await shot('8-compare');
    expect(errors).toEqual([]);
  });
});
