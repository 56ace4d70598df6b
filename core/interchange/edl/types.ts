import type { ReadOptions } from '../types.ts';

/**
 * The EDL dialects Picturelock writes. They share the CMX 3600 event line
 * (`NNN REEL CHANNEL TRANSITION [DUR] SRC-IN SRC-OUT REC-IN REC-OUT`) and differ in column
 * widths and comment habits:
 * - `cmx3600`: 3-digit events, 8-character reels, audio channels 1-4 only, one video track;
 * - `file32` / `file128`: Avid's File_32 / File_128: 6-digit events, 32 / 128-character reels;
 * - `avid`: CMX 3600 as Media Composer's EDL Manager writes it (`*ASC_SOP`, `* * FREEZE FRAME`,
 *   `A5`.. channel tokens for audio beyond 4);
 * - `premiere`: Premiere Pro's export (`AX` reels, bare `EFFECTS NAME IS`, blank line between events);
 * - `resolve`: DaVinci Resolve's export (blank line between events).
 */
export type EdlDialect = 'cmx3600' | 'file32' | 'file128' | 'avid' | 'premiere' | 'resolve';

export const EDL_DIALECTS: readonly EdlDialect[] = ['cmx3600', 'file32', 'file128', 'avid', 'premiere', 'resolve'];

export interface ReadEdlOptions extends ReadOptions {
  /** The timeline name when the list has no TITLE line. */
  readonly name?: string;
}

export interface WriteEdlOptions {
  readonly dialect: EdlDialect;
  /** Write only this track (`V1`, `V2`, `A3`, or a track's own name). */
  readonly track?: string;
  /** Write every track into one list (video tracks above V1 carry a `* TRACK: Vn` comment). */
  readonly mergeTracks?: boolean;
  /** The TITLE line; the timeline name when absent. */
  readonly title?: string;
}

/** ASC CDL values from `ASC_SOP` / `ASC_SAT` comments (ASC CDL 1.2: slope, offset, power per R, G, B). */
export interface EdlCdl {
  readonly slope?: readonly [number, number, number];
  readonly offset?: readonly [number, number, number];
  readonly power?: readonly [number, number, number];
  readonly saturation?: number;
}

/**
 * What an EDL clip keeps under `metadata.edl`; first-class facts (name, reel, source file,
 * media path, speed, markers) live in the clip itself. Frames are at the list rate.
 */
export interface EdlClipMetadata {
  /** The event number as a number (`001` and `000001` are both 1). */
  readonly event?: number;
  /** Comments the reader did not interpret, without the leading `*`, in list order. */
  readonly comments?: readonly string[];
  readonly cdl?: EdlCdl;
  /** `EFFECTS NAME IS …` / `* EFFECT NAME: …` on a cut event. */
  readonly effectName?: string;
  /** `* AVX2 EFFECT, RESIZE` and the like: Avid effects the list only names. */
  readonly avx?: readonly string[];
  /** The source counting of this event when an `FCM:` line inside the list set it apart from the list. */
  readonly sourceFcm?: 'DROP FRAME' | 'NON-DROP FRAME';
  /** Source in / out as the list wrote them, for M2 events (where they are not entry + length). */
  readonly sourceIn?: number;
  readonly sourceOut?: number;
  /** Which comment carried the media path: `FROM CLIP` (Avid), `FROM FILE` (Nucoda, Resolve) or `TO FILE`/`TO CLIP`. */
  readonly pathComment?: string;
  /** Key events: `K`, `KB` or `KO` and the key's fade length in frames. */
  readonly key?: { readonly code: string; readonly frames: number };
}
