import { readAaf } from '@picturelock/core';
import { HAVE_FIXTURES, readFixtureBytes } from '@picturelock/test';
import type { Bench } from './harness.ts';

/**
 * Reading the largest AAF in the fixtures (otio-aaf/marker-over-audio.aaf, 1.8 MB: a master
 * clip with embedded audio essence, 4096-byte sectors): container, meta-dictionary, objects
 * and the timeline. The note gives the largest heap growth seen across the timed runs, from
 * process.memoryUsage() before and after each read (the bytes themselves are loaded once).
 */
const FILE = 'interchange/otio-aaf/marker-over-audio.aaf';
let bytes: Uint8Array = new Uint8Array(0);
let peakDelta = 0;
let peakRss = 0;

export const benches: Bench[] = HAVE_FIXTURES
  ? [
      {
        operation: 'aaf read (largest fixture)',
        size: '',
        setup: () => {
          bytes = readFixtureBytes(FILE);
          (benches[0] as { size: string }).size = `${FILE.split('/').pop()} (${(bytes.length / 1024 / 1024).toFixed(1)} MB)`;
        },
        run: () => {
          const before = process.memoryUsage().heapUsed;
          const r = readAaf(bytes, { file: FILE });
          const after = process.memoryUsage();
          peakDelta = Math.max(peakDelta, after.heapUsed - before);
          peakRss = Math.max(peakRss, after.rss);
          return r;
        },
        iterations: 20,
        note: () => `heap +${(peakDelta / 1024 / 1024).toFixed(1)} MB peak per read, rss ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
      },
    ]
  : [];
