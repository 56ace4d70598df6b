import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createResolveHost,
  fakeResolveSpecFromTimeline,
  nodeResolveFiles,
  startPythonBridge,
  type PythonBridge,
  type ResolveHandle,
} from '@picturelock/host-bridge';
import { RESOLVE_BRIDGE_SCRIPT } from '@picturelock/test';
import { hostContract, normalisedTimeline, referenceCut } from './contract.ts';

/**
 * The Resolve adapter through the real Python bridge script, run under python3 over real
 * stdin/stdout, against a fake DaVinciResolveScript module put on PYTHONPATH.
 */

const FAKE_MODULE_DIR = fileURLToPath(new URL('./fake_resolve/', import.meta.url));
const bridges: PythonBridge[] = [];
afterAll(async () => {
  await Promise.all(bridges.map((b) => b.close()));
});

async function bridgeFor(extra: Record<string, string> = {}): Promise<{ bridge: PythonBridge; outputFolder: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'picturelock-bridge-'));
  const specPath = join(dir, 'spec.json');
  writeFileSync(specPath, JSON.stringify(fakeResolveSpecFromTimeline(referenceCut(), { extraTimelines: ['Assembly v3'] })));
  const bridge = await startPythonBridge({
    bridge: RESOLVE_BRIDGE_SCRIPT,
    env: { ...process.env, PYTHONPATH: FAKE_MODULE_DIR, PICTURELOCK_FAKE_RESOLVE_SPEC: specPath, ...extra },
    timeoutMs: 10_000,
  });
  bridges.push(bridge);
  return { bridge, outputFolder: join(dir, 'renders') };
}

async function projectOf(bridge: PythonBridge): Promise<ResolveHandle> {
  const root = await bridge.root();
  const pm = await bridge.call(root!, 'GetProjectManager');
  return (await bridge.call(pm as ResolveHandle, 'GetCurrentProject')) as ResolveHandle;
}

hostContract(
  'resolve (Python bridge over JSON-RPC)',
  async () => {
    const { bridge, outputFolder } = await bridgeFor();
    const host = createResolveHost(bridge, { files: nodeResolveFiles() });
    // Test controls go through the same pipe, in order, before the adapter's next request.
    let queue: Promise<unknown> = Promise.resolve();
    const control = (method: string, args: string[] = []) => {
      queue = queue.then(async () => bridge.call(await projectOf(bridge), method, args));
    };
    return {
      host,
      expected: referenceCut(),
      controls: {
        failRenderJob: (jobId: string) => control('_FakeFailJob', [jobId]),
        completeRenderJobs: async () => {
          control('_FakeFinishRendering');
          await queue;
        },
        callCount: () => bridge.requestCount(),
        outputFolder,
      },
    };
  },
  // Round trips, not API calls: one batch per step, whatever the clip count.
  { maxCallsToRead: () => 16 },
);

describe('the Python bridge protocol', () => {
  it('says hello with the module it imported from PYTHONPATH', async () => {
    const { bridge } = await bridgeFor();
    expect(bridge.hello.bridge).toBe('picturelock-resolve');
    expect(bridge.hello.protocol).toBe(1);
    expect(bridge.hello.module).toBe(join(FAKE_MODULE_DIR, 'DaVinciResolveScript.py'));
  });

  it('passes None through as null and 1-based indices as Resolve has them', async () => {
    const { bridge } = await bridgeFor();
    const project = await projectOf(bridge);
    expect(await bridge.call(project, 'GetTimelineByIndex', [0])).toBeNull();
    const second = await bridge.call(project, 'GetTimelineByIndex', [2]);
    expect(await bridge.call(second as ResolveHandle, 'GetName')).toBe('PL_CONTRACT_REF_v1');
    expect(await bridge.call(second as ResolveHandle, 'GetStartFrame')).toBe(107892);
    expect(await bridge.call(second as ResolveHandle, 'GetItemListInTrack', ['video', 0])).toEqual([]);
  });

  it('hands marker frame ids over as Python wrote them (float keys as "96.0")', async () => {
    const { bridge } = await bridgeFor();
    const project = await projectOf(bridge);
    const tl = (await bridge.call(project, 'GetCurrentTimeline')) as ResolveHandle;
    expect(await bridge.call(tl, 'AddMarker', [96, 'Red', 'flash', 'note "quoted" \\ 東京', 1, ''])).toBe(true);
    expect(await bridge.call(tl, 'AddMarker', [96, 'Red', 'again', '', 1, ''])).toBe(false);
    expect(await bridge.call(tl, 'GetMarkers')).toEqual({ '96.0': { color: 'Red', duration: 1, note: 'note "quoted" \\ 東京', name: 'flash', customData: '' } });
  });

  it('reports an unknown Resolve method as a failed call, and keeps serving', async () => {
    const { bridge } = await bridgeFor();
    const project = await projectOf(bridge);
    await expect(bridge.call(project, 'GetSpeed')).rejects.toThrow(/no method GetSpeed/);
    expect(await bridge.call(project, 'GetTimelineCount')).toBe(2);
  });

  it('answers HOST_NOT_READY when the module is not on PYTHONPATH', async () => {
    const { bridge } = await bridgeFor({ PYTHONPATH: tmpdir() });
    expect(bridge.hello.module).toBeNull();
    const host = createResolveHost(bridge, { files: nodeResolveFiles() });
    const r = await host.info();
    expect(r.ok ? 'ok' : r.error.code).toBe('HOST_NOT_READY');
  });

  it('reads the same timeline through the bridge as in-process', async () => {
    const { bridge } = await bridgeFor();
    const host = createResolveHost(bridge, { files: nodeResolveFiles() });
    const r = await host.readTimeline();
    if (!r.ok) throw new Error(r.error.message);
    expect(normalisedTimeline(r.value.timeline)).toEqual(normalisedTimeline(referenceCut()));
    expect(r.value.findings.map((f) => f.code)).toEqual(['HOST_SPEED_FROM_EDL']);
  });

  it('speaks line-delimited JSON-RPC 2.0 on raw stdin/stdout: errors by code, batches as one line, notifications unanswered', () => {
    const lines = [
      'this is not json',
      JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'hello' }),
      JSON.stringify({ jsonrpc: '2.0', method: 'root' }),
      JSON.stringify([
        { jsonrpc: '2.0', id: 2, method: 'root' },
        { jsonrpc: '2.0', id: 3, method: 'call', params: { target: { $handle: 'h999' }, method: 'GetName', args: [] } },
        { jsonrpc: '2.0', id: 4, method: 'Quit' },
      ]),
      JSON.stringify([]),
    ];
    const r = spawnSync('python3', [RESOLVE_BRIDGE_SCRIPT], { input: `${lines.join('\n')}\n`, encoding: 'utf8', env: { ...process.env, PYTHONPATH: FAKE_MODULE_DIR, PICTURELOCK_FAKE_RESOLVE_SPEC: '', PYTHONDONTWRITEBYTECODE: '1' } });
    const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as unknown);
    expect(out).toHaveLength(4);
    expect(out[0]).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    expect(out[1]).toMatchObject({ id: 1, result: { bridge: 'picturelock-resolve', protocol: 1 } });
    // No spec file in this environment: scriptapp("Resolve") is None, as with Resolve not running.
    expect(out[2]).toEqual([
      { jsonrpc: '2.0', id: 2, result: null },
      { jsonrpc: '2.0', id: 3, error: { code: -32602, message: "no object with handle 'h999' (released, or from an earlier bridge)" } },
      { jsonrpc: '2.0', id: 4, error: { code: -32601, message: 'the bridge has no method Quit' } },
    ]);
    expect(out[3]).toMatchObject({ id: null, error: { code: -32600 } });
    expect(r.status).toBe(0);
  });
});
