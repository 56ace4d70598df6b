import { defineCodes } from './types.ts';

/** QC finding codes. Never renamed or reused; a retired code stays with a note. */
export const QC_CODES = defineCodes({
  QC_BLACK_DETECTED: {
    severity: 'error',
    title: 'Black picture',
    message: (p: { file: string; in: string; out: string; length: string; detail: string }) => `black picture from ${p.in} to ${p.out} (${p.length})`,
  },
  QC_FREEZE_DETECTED: {
    severity: 'error',
    title: 'Frozen picture',
    message: (p: { file: string; in: string; out: string; length: string; detail: string }) => `picture frozen from ${p.in} to ${p.out} (${p.length})`,
  },
  QC_SILENCE_DETECTED: {
    severity: 'error',
    title: 'Silent audio',
    message: (p: { file: string; in: string; out: string; length: string; detail: string }) => `audio silent from ${p.in} to ${p.out} (${p.length})${p.detail ? `, ${p.detail}` : ''}`,
  },
  QC_LEVELS_OUT_OF_RANGE: {
    severity: 'warning',
    title: 'Video levels out of broadcast range',
    message: (p: { file: string; in: string; out: string; length: string; detail: string }) => `video levels outside broadcast range from ${p.in} to ${p.out} (${p.length}; ${p.detail})`,
  },
  QC_SCAN_MISMATCH: {
    severity: 'warning',
    title: 'Picture scan differs from its flag',
    message: (p: { file: string; declared: string; detected: string; tff: number; bff: number; progressive: number }) =>
      `the file is flagged ${p.declared} but its fields look ${p.detected} (idet: ${p.tff} TFF, ${p.bff} BFF, ${p.progressive} progressive frames)`,
  },
  QC_LOUDNESS_MEASURED: {
    severity: 'info',
    title: 'Loudness measured',
    message: (p: { file: string; integrated: string; lra: string; truePeak: string; shortTermMax: string }) =>
      `integrated ${p.integrated} LUFS, LRA ${p.lra} LU, true peak ${p.truePeak} dBTP, short-term max ${p.shortTermMax} LUFS`,
  },
  QC_NO_AUDIO: {
    severity: 'info',
    title: 'No audio to measure',
    message: (p: { file: string }) => `${p.file} has no audio stream; loudness and silence were not measured`,
  },
  QC_ANALYSIS_FAILED: {
    severity: 'error',
    title: 'Content QC could not run',
    message: (p: { file: string; reason: string }) => `content QC of ${p.file} failed: ${p.reason}`,
  },
});
