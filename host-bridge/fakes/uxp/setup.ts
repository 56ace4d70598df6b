import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Timeline } from '@picturelock/core';
import type { Host, RenderPreset } from '../../host.ts';
import { createPremiereUxpHost } from '../../premiere-uxp/adapter.ts';
import { createFakePremiereUxp, type FakePremiereUxp, type FakeUxpVersion } from './fake-premierepro.ts';

export const FAKE_UXP_PRESETS: readonly RenderPreset[] = [
  { id: '/Presets/Picturelock/H264 Master.epr', name: 'H.264 Master', extension: 'mp4' },
  { id: '/Presets/Picturelock/ProRes 422 HQ.epr', name: 'ProRes 422 HQ', extension: 'mov' },
];

/** The UXP adapter over the fake module, with the contract's controls. */
export function createFakePremiereUxpHost(timelines: readonly Timeline[], options: { version?: FakeUxpVersion; presets?: readonly RenderPreset[] } = {}): {
  host: Host;
  fake: FakePremiereUxp;
  controls: { failRenderJob(jobId: string): void; completeRenderJobs(): Promise<void>; callCount(): number; readonly outputFolder: string };
} {
  const fake = createFakePremiereUxp(timelines, options.version ? { version: options.version } : {});
  const host = createPremiereUxpHost({ ppro: fake.ppro, presets: options.presets ?? FAKE_UXP_PRESETS, fileExists: (p) => Promise.resolve(existsSync(p)) });
  const outputFolder = mkdtempSync(join(tmpdir(), 'picturelock-uxp-out-'));
  return {
    host,
    fake,
    controls: {
      // The contract names each output after its job id.
      failRenderJob: (jobId) => void fake.encoder.failing.add(jobId),
      async completeRenderJobs() {
        // Exports run one after another in the adapter's background loop: end each as it starts.
        let idle = 0;
        while (idle < 3) {
          await new Promise((r) => setTimeout(r, 0));
          idle = fake.encoder.finish() === 0 ? idle + 1 : 0;
        }
      },
      callCount: () => fake.state.calls,
      outputFolder,
    },
  };
}
