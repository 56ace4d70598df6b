import { clip, frameRate, range, timeline, track, writeFcp7Xml, type Timeline } from '@picturelock/core';
import { createDemoHost, createFakePremiereCep, type Host } from '@picturelock/host-bridge';
import type { Bench } from './harness.ts';

const CLIPS = 2_000;
const R2997 = frameRate(30000, 1001, true);

/**
 * A 2,000-clip picture-lock timeline at 29.97 DF from 01:00:00;00: two video tracks (1,500 +
 * 500 clips) with 50 reels and source timecodes past 10:00:00;00 (tick counts past 2^53).
 */
export function benchTimeline(clips = CLIPS): Timeline {
  const make = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) =>
      clip({
        name: `${prefix}_${i + 1} "take" 東京`,
        sourceRange: range(1078920 + ((i * 97) % 50000), 20 + (i % 40), R2997),
        media: { kind: 'external', url: `file:///Volumes/RAID/${prefix}${String(i % 50).padStart(3, '0')}.mov`, name: `${prefix}${String(i % 50).padStart(3, '0')}.mov`, availableRange: range(1078920, 60000, R2997) },
        reel: `${prefix}${String(i % 50).padStart(3, '0')}`,
      }),
    );
  const v1 = Math.round(clips * 0.75);
  return timeline({
    name: 'BENCH_2000',
    rate: R2997,
    startFrame: 107892,
    tracks: [track({ name: 'V1', trackKind: 'video', children: make(v1, 'A') }), track({ name: 'V2', trackKind: 'video', children: make(clips - v1, 'B') })],
  });
}

let cepCalls = '';
let demoCalls = '';

async function readOnce(host: Host): Promise<void> {
  const r = await host.readTimeline();
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
}

let cep: ReturnType<typeof createFakePremiereCep> | undefined;
let demo: ReturnType<typeof createDemoHost> | undefined;

export const benches: Bench[] = [
  {
    operation: 'host read: premiere-cep (fake DOM, real jsx)',
    size: `${CLIPS} clips`,
    unitsPerRun: CLIPS,
    iterations: 10,
    setup: () => {
      cep = createFakePremiereCep([benchTimeline()]);
    },
    run: async () => {
      const before = cep!.cep.calls();
      await readOnce(cep!.host);
      cepCalls = `${cep!.cep.calls() - before} evalScript call(s) a read`;
    },
    note: () => cepCalls,
  },
  {
    operation: 'host read: demo (in memory)',
    size: `${CLIPS} clips`,
    unitsPerRun: CLIPS,
    iterations: 50,
    setup: () => {
      demo = createDemoHost({ files: [{ name: 'bench.xml', text: writeFcp7Xml(benchTimeline()).text }] });
    },
    run: async () => {
      const before = demo!.callCount();
      await readOnce(demo!);
      demoCalls = `${demo!.callCount() - before} host call(s) a read`;
    },
    note: () => demoCalls,
  },
];
