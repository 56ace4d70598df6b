import type { Timeline } from '@picturelock/core';
import { createPremiereCepHost, type PremiereCepOptions, type PremiereCepPreset } from '../../premiere-cep/adapter.ts';
import type { Host } from '../../host.ts';
import { fakePremiere, FAKE_PRESETS, type FakeApp, type FakePremiereOptions } from './dom.ts';
import { createFakeCep, type FakeCep, type FakeCepOptions } from './engine.ts';

export * from './dom.ts';
export * from './engine.ts';

/** The presets the fake's Media Encoder knows, as the panel would configure them. */
export const FAKE_CEP_PRESETS: readonly PremiereCepPreset[] = [...FAKE_PRESETS.entries()].map(([path, extension]) => ({
  id: path,
  name: (path.split('/').pop() ?? path).replace(/\.epr$/, ''),
  extension,
  path,
}));

export interface FakePremiereCep {
  readonly app: FakeApp;
  readonly cep: FakeCep;
  readonly host: Host;
  /** Drives the fake the way the host contract needs (see test/hosts/contract.ts `FakeControls`). */
  readonly controls: {
    failRenderJob(jobId: string): void;
    completeRenderJobs(): Promise<void>;
    callCount(): number;
    readonly outputFolder: string;
  };
}

/** A Premiere (fake DOM) with the real host script loaded, behind the real CEP adapter. */
export function createFakePremiereCep(
  timelines: readonly Timeline[],
  options: { premiere?: FakePremiereOptions; cep?: FakeCepOptions; adapter?: Omit<PremiereCepOptions, 'bridge'>; outputFolder?: string } = {},
): FakePremiereCep {
  const app = fakePremiere(timelines, options.premiere);
  const cep = createFakeCep(app, options.cep);
  const host = createPremiereCepHost({ presets: FAKE_CEP_PRESETS, ...options.adapter, bridge: cep });
  const outputFolder = options.outputFolder ?? '/Renders/picturelock';
  return {
    app,
    cep,
    host,
    controls: {
      outputFolder,
      failRenderJob(jobId) {
        // The contract names each output after its job id.
        for (const job of app.encoder?.queue ?? []) if (/[\\/]([^\\/]+)\.[^.\\/]*$/.exec(job.outputPath)?.[1] === jobId) job.failWith = 'Encoding failed: the output volume is full';
      },
      async completeRenderJobs() {
        app.encoder?.runQueue();
        await cep.flushEvents();
      },
      callCount: () => cep.calls(),
    },
  };
}
