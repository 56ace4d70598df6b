import type { Finding } from '../findings/index.ts';
import type { MediaRecord, Timeline } from '../timeline/index.ts';
import { conformHandlesOf, conformRunChecks, type ConformCheckContext } from './checks.ts';
import { conformEventsOf, type ConformEvent } from './events.ts';
import { CONFORM_MATCH_RULES, conformIndexOf, conformMatchEvent, type ConformMatch, type ConformMatchRule } from './match.ts';

/** The flash-frame limit when none is given: events of 1 or 2 frames are flash frames. */
export const CONFORM_DEFAULT_FLASH_FRAMES = 3;

export interface ConformCheckOptions {
  readonly flashFrames?: number;
  readonly file?: string;
}

export interface ConformTimelineCheck {
  readonly events: readonly ConformEvent[];
  readonly findings: readonly Finding[];
  /** Every check that ran, with its version, for the report header. */
  readonly checks: readonly { readonly id: string; readonly version: number; readonly findings: number }[];
}

/** `check`: the timeline lint checks of the registry, on the list alone. */
export function conformCheckTimeline(tl: Timeline, options: ConformCheckOptions = {}): ConformTimelineCheck {
  const events = conformEventsOf(tl);
  const ctx: ConformCheckContext = { timeline: tl, events, flashFrames: options.flashFrames ?? CONFORM_DEFAULT_FLASH_FRAMES, handles: 0, ...(options.file !== undefined ? { file: options.file } : {}) };
  return { events, ...conformRunChecks(ctx, ['timeline']) };
}

export interface ConformOptions extends ConformCheckOptions {
  /** Handles asked for on each side, in source frames (default 0: none asked). */
  readonly handles?: number;
  readonly rules?: readonly ConformMatchRule[];
  readonly raster?: { readonly width: number; readonly height: number };
  /** Also run the timeline lint checks. */
  readonly lint?: boolean;
}

export interface ConformEventResult {
  readonly event: ConformEvent;
  readonly match: ConformMatch;
  /** Handles in media frames when matched to media with a known range; negative = outside the media. */
  readonly handles?: { readonly head: number; readonly tail: number };
}

export interface ConformResult extends ConformTimelineCheck {
  readonly results: readonly ConformEventResult[];
  readonly matches: readonly ConformMatch[];
}

/** `conform`: every event matched against the inventory, then the conform checks of the registry. */
export function conformTimeline(tl: Timeline, inventory: readonly MediaRecord[], options: ConformOptions = {}): ConformResult {
  const events = conformEventsOf(tl);
  const index = conformIndexOf(inventory);
  const rules = options.rules ?? CONFORM_MATCH_RULES;
  const matches = events.map((e): ConformMatch => (e.clip.media.kind === 'generator' ? { status: 'missing', tried: [] } : conformMatchEvent(e, index, rules)));
  const ctx: ConformCheckContext = {
    timeline: tl,
    events,
    matches,
    flashFrames: options.flashFrames ?? CONFORM_DEFAULT_FLASH_FRAMES,
    handles: options.handles ?? 0,
    ...(options.raster ? { raster: options.raster } : {}),
    ...(options.file !== undefined ? { file: options.file } : {}),
  };
  const run = conformRunChecks(ctx, options.lint ? ['timeline', 'conform'] : ['conform']);
  const results = events.map((event, i): ConformEventResult => {
    const match = matches[i]!;
    const handles = match.status === 'matched' ? conformHandlesOf(event, match.record) : undefined;
    return { event, match, ...(handles ? { handles } : {}) };
  });
  return { events, matches, results, ...run };
}
