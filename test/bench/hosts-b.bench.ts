import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createFakePremiereUxpHost,
  createFakeResolveHost,
  createResolveHost,
  fakeResolveSpecFromTimeline,
  nodeResolveFiles,
  startPythonBridge,
  type Host,
  type PythonBridge,
} from '@picturelock/host-bridge';
import { RESOLVE_BRIDGE_SCRIPT } from '@picturelock/test';
import type { Bench } from './harness.ts';
import { benchTimeline } from './hosts.bench.ts';

/** The Premiere UXP and Resolve rows of the host benchmarks: the same 2,000-clip timeline through each fake. */

const CLIPS = 2_000;

async function readOnce(host: Host): Promise<void> {
  const r = await host.readTimeline();
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
}

let uxp: ReturnType<typeof createFakePremiereUxpHost> | undefined;
let resolve: ReturnType<typeof createFakeResolveHost> | undefined;
let bridge: PythonBridge | undefined;
let bridgeHost: Host | undefined;
const notes = { uxp: '', resolve: '', bridge: '' };

const BRIDGE_ITERATIONS = 5;
const BRIDGE_WARMUP = 1;
let bridgeRuns = 0;

export const benches: Bench[] = [
  {
    operation: 'host read: premiere-uxp (fake premierepro module)',
    size: `${CLIPS} clips`,
    unitsPerRun: CLIPS,
    iterations: 10,
    setup: () => {
      uxp = createFakePremiereUxpHost([benchTimeline()]);
    },
    run: async () => {
      const before = uxp!.fake.state.calls;
      await readOnce(uxp!.host);
      const calls = uxp!.fake.state.calls - before;
      notes.uxp = `${calls} API calls a read (${(calls / CLIPS).toFixed(2)} a clip)`;
    },
    note: () => notes.uxp,
  },
  {
    operation: 'host read: resolve (fake resolve object, in process)',
    size: `${CLIPS} clips`,
    unitsPerRun: CLIPS,
    iterations: 10,
    setup: () => {
      resolve = createFakeResolveHost(benchTimeline());
    },
    run: async () => {
      const before = resolve!.state.calls;
      await readOnce(resolve!.host);
      const calls = resolve!.state.calls - before;
      notes.resolve = `${calls} API calls a read (${(calls / CLIPS).toFixed(2)} a clip), EDL export included`;
    },
    note: () => notes.resolve,
  },
  {
    operation: 'host read: resolve via the Python bridge (python3, fake module)',
    size: `${CLIPS} clips`,
    unitsPerRun: CLIPS,
    iterations: BRIDGE_ITERATIONS,
    warmup: BRIDGE_WARMUP,
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'picturelock-bench-bridge-'));
      writeFileSync(join(dir, 'spec.json'), JSON.stringify(fakeResolveSpecFromTimeline(benchTimeline())));
      bridge = await startPythonBridge({
        bridge: RESOLVE_BRIDGE_SCRIPT,
        env: { ...process.env, PYTHONPATH: fileURLToPath(new URL('../hosts/fake_resolve/', import.meta.url)), PICTURELOCK_FAKE_RESOLVE_SPEC: join(dir, 'spec.json') },
      });
      bridgeHost = createResolveHost(bridge, { files: nodeResolveFiles() });
    },
    run: async () => {
      const before = bridge!.requestCount();
      await readOnce(bridgeHost!);
      notes.bridge = `${bridge!.requestCount() - before} JSON-RPC round trips a read`;
      // The harness has no teardown: the last timed run closes python so the bench can exit.
      if (++bridgeRuns === BRIDGE_ITERATIONS + BRIDGE_WARMUP) await bridge!.close();
    },
    note: () => notes.bridge,
  },
];
