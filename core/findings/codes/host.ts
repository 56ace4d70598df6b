import { defineCodes } from './types.ts';

/** HOST finding codes. Never renamed or reused; a retired code stays with a note. */
export const HOST_CODES = defineCodes({
  HOST_TIME_OFF_FRAME: {
    severity: 'info',
    title: 'A host time fell between frames and was rounded',
    message: (p: { what: string; ticks: string; rate: string; frame: number }) =>
      `${p.what} is at ${p.ticks} ticks, between two frames at ${p.rate}; read as frame ${p.frame}`,
  },
  HOST_SPEED_FROM_EDL: {
    severity: 'info',
    title: 'Clip speeds and transitions taken from an exported EDL',
    message: (p: { timeline: string; host: string; clips: number; transitions: number }) =>
      `${p.host}'s scripting API exposes neither clip speed nor transitions, so ${p.timeline} was also exported as an EDL through the host and ${p.clips} speed change(s) and ${p.transitions} transition(s) were read from it`,
  },
  HOST_SPEED_NOT_IN_EDL: {
    severity: 'warning',
    title: 'Clip speed could not be confirmed from the EDL',
    message: (p: { clip: string; track: string; speed: string }) =>
      `${p.clip} on ${p.track} is not in the EDL the host exported; its speed (${p.speed}) was derived from the source frames it uses and its direction could not be read`,
  },
  HOST_EDL_EXPORT_FAILED: {
    severity: 'warning',
    title: 'The host could not export an EDL for speeds and transitions',
    message: (p: { timeline: string; detail: string }) =>
      `exporting ${p.timeline} as an EDL failed (${p.detail}); clip speeds were derived from source frames and transitions are missing`,
  },
  HOST_RENDER_SETTING_MISMATCH: {
    severity: 'error',
    title: 'The render job does not carry the settings that were set',
    message: (p: { job: string; setting: string; expected: string; actual: string }) =>
      `render job ${p.job}: ${p.setting} was set to ${p.expected} but the host's queue shows ${p.actual} (the loaded preset's value won); the job was removed from the queue`,
  },
});
