import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timeline } from '@picturelock/core';
import { createResolveHost, type ResolveHost } from '../../resolve/adapter.ts';
import { directResolveTransport } from '../../resolve/api.ts';
import { nodeResolveFiles } from '../../resolve/node-files.ts';
import { createFakeResolve, type FakeResolve, type FakeResolveState } from './fake-resolve.ts';
import { fakeResolveSpecFromTimeline, type FakeResolveSpec } from './spec.ts';

/** What the contract suite drives: the fake's render queue and its call counter. */
export interface FakeResolveControls {
  failRenderJob(jobId: string): void;
  completeRenderJobs(): Promise<void>;
  callCount(): number;
  readonly outputFolder: string;
}

/**
 * The Resolve adapter over the fake `resolve` object, the way the Workflow Integration panel
 * holds the real one (direct, synchronous calls), loaded with `tl` (or a ready spec).
 */
export function createFakeResolveHost(source: Timeline | FakeResolveSpec, options: { extraTimelines?: readonly string[] } = {}): {
  host: ResolveHost;
  resolve: FakeResolve;
  state: FakeResolveState;
  spec: FakeResolveSpec;
  controls: FakeResolveControls;
} {
  const spec = 'kind' in source ? fakeResolveSpecFromTimeline(source, options) : source;
  const { resolve, state } = createFakeResolve(spec);
  const host = createResolveHost(
    directResolveTransport(() => resolve),
    { files: nodeResolveFiles() },
  );
  const outputFolder = mkdtempSync(join(tmpdir(), 'picturelock-resolve-out-'));
  const controls: FakeResolveControls = {
    // The plan's job id is the render's CustomName: that is how the fake knows which one to fail.
    failRenderJob: (jobId) => void resolve.project?.failing.add(jobId),
    completeRenderJobs: () => Promise.resolve(resolve.project?.finishRendering()),
    callCount: () => state.calls,
    outputFolder,
  };
  return { host, resolve, state, spec, controls };
}
