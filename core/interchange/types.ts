import type { FrameRate } from '../time/index.ts';
import type { Finding } from '../findings/index.ts';

/**
 * The one API every format follows. Readers never throw on bad input: they return what they
 * could read plus findings with line and column; `value` is undefined only when nothing
 * usable exists. Writers return the text plus a finding for everything the format lost.
 */
export interface ReadResult<T> {
  readonly value: T | undefined;
  readonly findings: readonly Finding[];
}

export interface WriteResult {
  readonly text: string;
  readonly findings: readonly Finding[];
}

export interface ReadOptions {
  /** The list's rate when the format does not carry one (EDL); formats that carry a rate ignore it or report a conflict. */
  readonly rate?: FrameRate;
  /** The file name, put into every finding's `where.file`. */
  readonly file?: string;
}
