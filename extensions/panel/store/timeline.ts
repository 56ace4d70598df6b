import { ensureHost, hostCall } from './host.ts';
import type { SliceContext, TimelineSlice } from './types.ts';

export function createTimelineSlice(ctx: SliceContext): TimelineSlice {
  async function read(id: string | undefined): Promise<void> {
    if (!(await ensureHost(ctx))) {
      ctx.set({ timelineStatus: 'error', timelineError: ctx.get().hostError });
      return;
    }
    ctx.set({ timelineStatus: 'loading' });
    const list = await hostCall(ctx, 'list the timelines', () => ctx.host.listTimelines());
    if (list.ok) ctx.set({ timelines: list.value });
    const r = await hostCall(ctx, 'read the timeline', () => ctx.host.readTimeline(id));
    if (!r.ok) {
      ctx.set({ timelineStatus: 'error', timelineError: r.error, current: undefined });
      return;
    }
    const changed = ctx.get().current?.ref.id !== r.value.ref.id;
    ctx.set({ timelineStatus: 'ready', timelineError: undefined, current: r.value, ...(changed ? { playhead: undefined, activeFinding: 0 } : {}) });
  }
  return {
    timelines: [],
    timelineStatus: 'empty',
    refresh: () => read(undefined),
    openTimeline: (id) => read(id),
    async seek(frame) {
      const tl = ctx.get().current;
      if (!tl) {
        ctx.get().notify({ level: 'warning', title: 'No timeline loaded', message: 'There is no timeline to move the playhead on.', action: 'Press Refresh to read the active sequence.', code: 'NO_ACTIVE_TIMELINE' });
        return false;
      }
      if (!ctx.get().hostInfo?.capabilities.setPlayhead) {
        ctx.get().notify({ level: 'warning', title: 'Playhead not available', message: `${ctx.get().hostInfo?.name ?? 'This host'} does not let a panel move the playhead.`, action: 'Go to the timecode shown in the list by hand.', code: 'NOT_SUPPORTED' });
        return false;
      }
      const r = await hostCall(ctx, 'move the playhead', () => ctx.host.setPlayhead(tl.ref.id, frame));
      if (r.ok) ctx.set({ playhead: frame });
      return r.ok;
    },
  };
}
