import { finding, type Finding } from '../findings/index.ts';

/** Counts, per kind, the events a writer could not carry fully; one finding per kind. */
export function lossCounter(format: string): { add(what: string): void; findings(): Finding[] } {
  const counts = new Map<string, number>();
  return {
    add(what: string) {
      counts.set(what, (counts.get(what) ?? 0) + 1);
    },
    findings() {
      return [...counts].map(([what, count]) => finding('CAPTION_TARGET_LOSS', { format, what, count }));
    },
  };
}
