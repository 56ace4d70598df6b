import type { HostError, HostErrorCode, HostResult } from '@picturelock/host-bridge/browser';
import type { HostSlice, NoticeInput, SliceContext } from './types.ts';

/** What the editor can do about each host error, shown under the host's own message. */
const ACTIONS: Partial<Record<HostErrorCode, { title: string; action: string }>> = {
  HOST_NOT_READY: { title: 'Host not ready', action: 'Open a project in the host application, then press Retry.' },
  NO_ACTIVE_TIMELINE: { title: 'No active sequence', action: 'Open a sequence (Premiere) or a timeline (Resolve), then press Refresh.' },
  TIMELINE_NOT_FOUND: { title: 'Timeline not found', action: 'The timeline was closed or renamed: press Refresh to read the active one.' },
  MEDIA_OFFLINE: { title: 'Media offline', action: 'Relink the offline clips in the host, then run the checks again.' },
  RENDER_QUEUE_BUSY: { title: 'Render queue busy', action: 'The host is rendering other jobs: wait for them or stop them, then queue again.' },
  RENDER_JOB_NOT_FOUND: { title: 'Render job gone', action: 'The job was removed from the host queue: plan and queue the delivery again.' },
  NOT_SUPPORTED: { title: 'Not available in this host', action: 'Use the CLI for this step, or a host version that supports it.' },
  EXPORT_FAILED: { title: 'Export failed', action: 'Check the output folder exists and has free space, then try again.' },
  HOST_CALL_FAILED: { title: 'Host call failed', action: 'Try again; if it keeps failing, reopen the panel.' },
  BAD_RESPONSE: { title: 'Unreadable host answer', action: 'Try again; if it keeps failing, report it with the detail below.' },
  TIMEOUT: { title: 'Host did not answer', action: 'The host may be busy (a render or a modal dialog): try again when it is idle.' },
  CANCELLED: { title: 'Cancelled', action: 'Start the step again when ready.' },
};

export function noticeOfHostError(error: HostError, doing: string): NoticeInput {
  const a = ACTIONS[error.code];
  return {
    level: 'error',
    title: a ? `${a.title} (${doing})` : `Could not ${doing}`,
    message: error.detail ? `${error.message} Host said: ${error.detail}` : error.message,
    ...(a ? { action: a.action } : {}),
    code: error.code,
  };
}

/**
 * Runs a host call and turns a failure into a notice (and a thrown host call into a
 * HOST_CALL_FAILED notice: adapters should not throw, but the panel never goes silent).
 */
export async function hostCall<T>(ctx: SliceContext, doing: string, call: () => Promise<HostResult<T>>): Promise<HostResult<T>> {
  let r: HostResult<T>;
  try {
    r = await call();
  } catch (e) {
    const kind = ctx.get().hostInfo?.kind ?? 'demo';
    r = { ok: false, error: { code: 'HOST_CALL_FAILED', message: `The host call failed while trying to ${doing}.`, host: kind, detail: e instanceof Error ? e.message : String(e) } };
  }
  if (!r.ok) ctx.get().notify(noticeOfHostError(r.error, doing));
  return r;
}

let nextNotice = 1;

export function createHostSlice(ctx: SliceContext): HostSlice {
  return {
    hostStatus: 'idle',
    notices: [],
    async connect() {
      ctx.set({ hostStatus: 'connecting' });
      const r = await hostCall(ctx, 'connect to the host', () => ctx.host.info());
      if (!r.ok) {
        ctx.set({ hostStatus: 'error', hostError: r.error, hostInfo: undefined });
        return false;
      }
      ctx.set({ hostStatus: 'ready', hostInfo: r.value, hostError: undefined });
      return true;
    },
    notify(n) {
      // The same notice twice in a row replaces the first: repeated clicks do not stack.
      const list = ctx.get().notices.filter((x) => !(x.title === n.title && x.message === n.message));
      ctx.set({ notices: [...list, { ...n, id: nextNotice++ }].slice(-3) });
    },
    dismissNotice(id) {
      ctx.set({ notices: ctx.get().notices.filter((n) => n.id !== id) });
    },
  };
}

/** True when the host is connected; otherwise connects, and false (with a notice) when it cannot. */
export async function ensureHost(ctx: SliceContext): Promise<boolean> {
  if (ctx.get().hostStatus === 'ready') return true;
  return ctx.get().connect();
}
