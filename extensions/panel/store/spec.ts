import { evaluateSpec } from '@picturelock/core';
import { ensureHost } from './host.ts';
import { selectProfile, selectSpecFacts } from './selectors.ts';
import type { SliceContext, SpecSlice } from './types.ts';

export function createSpecSlice(ctx: SliceContext): SpecSlice {
  return {
    profileList: ctx.options.profiles,
    profileId: 'netflix.prores.kmrb',
    setProfile(id) {
      if (!ctx.options.profiles.some((p) => p.id === id)) {
        ctx.get().notify({ level: 'error', title: 'Unknown profile', message: `No delivery profile "${id}".` });
        return;
      }
      ctx.set({ profileId: id, specEvaluation: undefined, specTimeline: undefined });
    },
    async validateSpec() {
      if (!(await ensureHost(ctx))) return false;
      if (!ctx.get().current) await ctx.get().refresh();
      const tl = ctx.get().current;
      if (!tl) {
        ctx.get().notify({ level: 'warning', title: 'No timeline loaded', message: 'The sequence settings are read from the active sequence, and none is loaded.', action: 'Open a sequence in the host and press Refresh.', code: 'NO_ACTIVE_TIMELINE' });
        return false;
      }
      const profile = selectProfile(ctx.get());
      if (!profile.ok) {
        ctx.get().notify({ level: 'error', title: 'Profile cannot be used', message: profile.error });
        return false;
      }
      const facts = selectSpecFacts(ctx.get());
      ctx.set({ specEvaluation: evaluateSpec(profile.value, tl.timeline.name, facts ?? {}), specTimeline: tl });
      return true;
    },
  };
}
