/**
 * The CMX 3600 channel field. `V` picture; `A` audio 1; `A2` audio 2; `AA` audio 1+2; `B`
 * picture + audio 1; `AA/V`, `A/V`, `A2/V` combinations; `NONE` when only an `AUD 3 4` line
 * follows. Channels 3 and 4 ride on a separate `AUD  3    4` line. Avid writes channels past 4
 * as `A5`..`A24`; a few tools write `V2` for a second video track. Video track 1 is implicit.
 */
export interface EdlChannels {
  /** 0 = no picture; n = video track n (1 for a plain `V`). */
  readonly video: number;
  /** Whether the track number was written (`V2`) rather than implied (`V`). */
  readonly videoExplicit: boolean;
  /** Audio channel numbers, ascending. */
  readonly audio: readonly number[];
}

/** Channel numbers above this are refused as noise (a mutated list must not create a million tracks). */
export const MAX_EDL_CHANNEL = 99;

export function parseChannels(token: string): EdlChannels | undefined {
  let video = 0;
  let videoExplicit = false;
  const audio = new Set<number>();
  for (const part of token.toUpperCase().split('/')) {
    if (part === 'V') video = Math.max(video, 1);
    else if (part === 'B') {
      video = Math.max(video, 1);
      audio.add(1);
    } else if (part === 'A') audio.add(1);
    else if (part === 'AA') {
      audio.add(1);
      audio.add(2);
    } else if (part === 'NONE') continue;
    else {
      const m = /^([VA])(\d{1,3})$/.exec(part);
      if (!m) return undefined;
      const n = Number(m[2]);
      if (n < 1 || n > MAX_EDL_CHANNEL) return undefined;
      if (m[1] === 'V') {
        video = n;
        videoExplicit = true;
      } else audio.add(n);
    }
  }
  return { video, videoExplicit, audio: [...audio].sort((a, b) => a - b) };
}

/** `AUD  3    4` and `AUD 3`: the extra audio channels of the event above. */
export function parseAudLine(rest: string): number[] | undefined {
  const parts = rest.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const n = Number(p);
    if (n < 1 || n > MAX_EDL_CHANNEL) return undefined;
    out.push(n);
  }
  return out;
}

/**
 * The channel token and AUD channels for picture (`video`) plus audio channels 1-4, or
 * undefined when the set needs more than CMX 3600 can say in one event.
 */
export function formatChannels(video: boolean, audio: readonly number[]): { token: string; aud: number[] } | undefined {
  if (audio.some((a) => a > 4)) return undefined;
  const a1 = audio.includes(1);
  const a2 = audio.includes(2);
  const aud = audio.filter((a) => a === 3 || a === 4);
  let token: string;
  if (video) token = a1 && a2 ? 'AA/V' : a1 ? 'B' : a2 ? 'A2/V' : 'V';
  else token = a1 && a2 ? 'AA' : a1 ? 'A' : a2 ? 'A2' : 'NONE';
  return { token, aud };
}
