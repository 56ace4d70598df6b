import { NAMING_CONVENTIONS, SPEC_BUILTIN_PROFILES } from '@picturelock/core';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createChecksSlice } from './checks.ts';
import { createDeliverSlice } from './deliver.ts';
import { createHostSlice } from './host.ts';
import { createNamingSlice } from './naming.ts';
import { createSpecSlice } from './spec.ts';
import { createTimelineSlice } from './timeline.ts';
import type { PanelState, PanelStoreOptions, SliceContext } from './types.ts';

export type PanelStore = StoreApi<PanelState>;

/**
 * The panel's one store: slices for the host, the timeline, checks, naming, spec and
 * delivery over the injected Host. Actions call the host and then a pure core function;
 * derived values are selectors (`selectors.ts`). Nothing here touches the DOM.
 */
export function createPanelStore(options: PanelStoreOptions): PanelStore {
  return createStore<PanelState>()((set, get) => {
    const ctx: SliceContext = {
      get,
      set: (partial) => set(partial),
      host: options.host,
      options: {
        now: options.now ?? (() => new Date()),
        pollIntervalMs: options.pollIntervalMs ?? 400,
        user: options.user ?? 'panel user',
        profiles: options.profiles ?? SPEC_BUILTIN_PROFILES,
        conventions: options.conventions ?? NAMING_CONVENTIONS,
      },
    };
    return {
      ...createHostSlice(ctx),
      ...createTimelineSlice(ctx),
      ...createChecksSlice(ctx),
      ...createNamingSlice(ctx),
      ...createSpecSlice(ctx),
      ...createDeliverSlice(ctx),
    };
  });
}

export * from './types.ts';
export * from './selectors.ts';
export { noticeOfHostError } from './host.ts';
export { SEVERITY_MARKER_COLOR } from './checks.ts';
export { PANEL_VERSION } from './deliver.ts';
