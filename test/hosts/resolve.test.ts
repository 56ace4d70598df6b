import { describe, expect, it } from 'vitest';
import { createFakeResolveHost } from '@picturelock/host-bridge';
import { hostContract, referenceCut } from './contract.ts';

hostContract(
  'resolve (Workflow Integration object)',
  async () => {
    const fake = createFakeResolveHost(referenceCut(), { extraTimelines: ['Assembly v3'] });
    return { host: fake.host, expected: referenceCut(), controls: fake.controls };
  },
  { maxCallsToRead: (clips) => 8 * clips + 40 },
);

describe('resolve adapter quirks', () => {
  it('probe', async () => {
    const fake = createFakeResolveHost(referenceCut(), { extraTimelines: ['Assembly v3'] });
    const r = await fake.host.readTimeline();
    expect(r.ok ? r.value.findings.map((f) => f.message) : r.error).toEqual([]);
  });
});
