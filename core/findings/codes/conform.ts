import { defineCodes } from './types.ts';

/**
 * CONFORM finding codes: timeline lint (`CHECK_*`), offline-vs-media conform (`CONFORM_*`)
 * and cut comparison (`DIFF_*`). Frames are at the timeline rate for record positions and at
 * the source rate for source ranges. Never renamed or reused; a retired code stays with a note.
 */
export const CONFORM_CODES = defineCodes({
  CHECK_GAP: {
    severity: 'warning',
    title: 'Gap in the picture',
    message: (p: { track: string; frames: number; from: string; to: string }) => `${p.track} has ${p.frames} frame${p.frames === 1 ? '' : 's'} of nothing from ${p.from} to ${p.to}: black in the online`,
  },
  CHECK_FLASH_FRAME: {
    severity: 'warning',
    title: 'Flash frame',
    message: (p: { event: string; frames: number; limit: number }) => `event ${p.event} is ${p.frames} frame${p.frames === 1 ? '' : 's'} long, shorter than ${p.limit}: a flash frame left by a trim?`,
  },
  CHECK_OVERLAP: {
    severity: 'info',
    title: 'Event over another track',
    message: (p: { event: string; track: string; under: string; underTrack: string; frames: number }) =>
      `event ${p.event} on ${p.track} covers event ${p.under} on ${p.underTrack} for ${p.frames} frame${p.frames === 1 ? '' : 's'}`,
  },
  CHECK_ITEM_DISABLED: {
    severity: 'warning',
    title: 'Disabled item',
    message: (p: { what: string; name: string }) => `${p.what} "${p.name}" is disabled: it is not in the picture but a conform may still bring it back`,
  },
  CHECK_MEDIA_OFFLINE: {
    severity: 'warning',
    title: 'Offline item',
    message: (p: { event: string; clip: string }) => `event ${p.event} (${p.clip}) has no media reference: it is offline in the list`,
  },
  CHECK_NESTED_SEQUENCE: {
    severity: 'warning',
    title: 'Nested sequence',
    message: (p: { name: string; track: string; tracks: number }) => `"${p.name}" on ${p.track} is a nested sequence of ${p.tracks} track${p.tracks === 1 ? '' : 's'}: flatten it before turnover, an EDL cannot carry it`,
  },
  CHECK_EFFECT_UNSUPPORTED: {
    severity: 'warning',
    title: 'Effect a conform does not carry',
    message: (p: { event: string; effect: string }) => `event ${p.event} carries the effect "${p.effect}", which the online will have to rebuild by hand`,
  },
  CHECK_RATE_MIXED: {
    severity: 'warning',
    title: 'Source rate differs from the timeline',
    message: (p: { event: string; source: string; timeline: string }) => `event ${p.event} reads its source at ${p.source} in a ${p.timeline} timeline`,
  },
  CHECK_SPEED_CHANGE: {
    severity: 'info',
    title: 'Speed change',
    message: (p: { event: string; percent: string; recordFrames: number; sourceFrames: number; sourceIn: string; sourceOut: string }) =>
      `event ${p.event} plays at ${p.percent}: ${p.recordFrames} record frames read ${p.sourceFrames} source frames, ${p.sourceIn} to ${p.sourceOut}`,
  },
  CHECK_REVERSE: {
    severity: 'info',
    title: 'Reverse',
    message: (p: { event: string; percent: string; sourceIn: string; sourceOut: string }) => `event ${p.event} plays backwards at ${p.percent}, reading ${p.sourceIn} to ${p.sourceOut}`,
  },
  CHECK_FREEZE_FRAME: {
    severity: 'info',
    title: 'Freeze frame',
    message: (p: { event: string; frames: number; sourceFrame: string }) => `event ${p.event} holds source frame ${p.sourceFrame} for ${p.frames} frame${p.frames === 1 ? '' : 's'}`,
  },
  CHECK_SOURCE_REUSED: {
    severity: 'warning',
    title: 'Same source frames used twice',
    message: (p: { event: string; other: string; source: string; frames: number; sourceIn: string; sourceOut: string }) =>
      `events ${p.other} and ${p.event} both use ${p.frames} frame${p.frames === 1 ? '' : 's'} of ${p.source}, ${p.sourceIn} to ${p.sourceOut}`,
  },
  CHECK_TRANSITION: {
    severity: 'info',
    title: 'Transition',
    message: (p: { event: string; type: string; frames: number; from: string; to: string }) => `${p.type} of ${p.frames} frames into event ${p.event}, from ${p.from} to ${p.to}`,
  },
  CHECK_TRANSITION_MEDIA_SHORT: {
    severity: 'error',
    title: 'Transition without the media it needs',
    message: (p: { event: string; type: string; side: string; needed: number; available: number }) =>
      `the ${p.type} at event ${p.event} needs ${p.needed} frame${p.needed === 1 ? '' : 's'} of ${p.side} media but only ${p.available} ${p.available === 1 ? 'is' : 'are'} there`,
  },
  CONFORM_MEDIA_MISSING: {
    severity: 'error',
    title: 'Media missing',
    message: (p: { event: string; clip: string; reel: string; tried: string }) => `event ${p.event} (${p.clip}, reel ${p.reel || '-'}): no media matches by ${p.tried}`,
  },
  CONFORM_MATCH_AMBIGUOUS: {
    severity: 'error',
    title: 'Ambiguous match',
    message: (p: { event: string; clip: string; count: number; candidates: string; why: string }) => `event ${p.event} (${p.clip}) matches ${p.count} media files (${p.candidates}); ${p.why}`,
  },
  CONFORM_SOURCE_OUT_OF_RANGE: {
    severity: 'error',
    title: 'Source range outside the media',
    message: (p: { event: string; media: string; head: number; tail: number }) =>
      `event ${p.event} reads outside ${p.media}: ${[p.head > 0 ? `${p.head} frame${p.head === 1 ? '' : 's'} before its first frame` : '', p.tail > 0 ? `${p.tail} frame${p.tail === 1 ? '' : 's'} past its last` : ''].filter(Boolean).join(' and ')}`,
  },
  CONFORM_HANDLES_SHORT: {
    severity: 'error',
    title: 'Handles short',
    message: (p: { event: string; side: string; handle: number; requested: number; short: number }) =>
      `event ${p.event}: ${p.side} handle ${p.handle} frame${p.handle === 1 ? '' : 's'}, ${p.short} short of the ${p.requested} asked for`,
  },
  CONFORM_RATE_MISMATCH: {
    severity: 'error',
    title: 'Media rate differs',
    message: (p: { event: string; media: string; expected: string; actual: string }) => `event ${p.event}: ${p.media} runs at ${p.actual}, the list reads it at ${p.expected}`,
  },
  CONFORM_RASTER_MISMATCH: {
    severity: 'warning',
    title: 'Media raster differs',
    message: (p: { event: string; media: string; expected: string; actual: string }) => `event ${p.event}: ${p.media} is ${p.actual}, the timeline is ${p.expected}`,
  },
  CONFORM_REEL_DIFFERS: {
    severity: 'warning',
    title: 'Reel name differs from the media',
    message: (p: { event: string; reel: string; mediaReel: string; rule: string }) => `event ${p.event}: the list says reel ${p.reel}, the media matched by ${p.rule} says ${p.mediaReel}`,
  },
  CONFORM_CSV_COLUMN_MISSING: {
    severity: 'error',
    title: 'Inventory column missing',
    message: (p: { field: string; column: string }) => `the inventory has no column "${p.column}" for ${p.field}`,
  },
  CONFORM_CSV_VALUE_INVALID: {
    severity: 'warning',
    title: 'Inventory value not understood',
    message: (p: { column: string; value: string; reason: string }) => `column ${p.column}: "${p.value}" was not read (${p.reason})`,
  },
  CONFORM_LIST_RATE_FROM_MEDIA: {
    severity: 'info',
    title: 'List rate taken from the media',
    message: (p: { inferred: string; rate: string; records: number }) =>
      `the list does not state its rate (read as ${p.inferred}); ${p.records} media record${p.records === 1 ? '' : 's'} with the same timecode base run at ${p.rate}, so the list was read at ${p.rate}`,
  },
  DIFF_EVENT_ADDED: {
    severity: 'info',
    title: 'Shot added',
    message: (p: { event: string; clip: string; frames: number; recordIn: string }) => `new event ${p.event} (${p.clip}, ${p.frames} frames) inserted at ${p.recordIn}`,
  },
  DIFF_EVENT_DELETED: {
    severity: 'info',
    title: 'Shot deleted',
    message: (p: { event: string; clip: string; frames: number }) => `old event ${p.event} (${p.clip}, ${p.frames} frames) is gone`,
  },
  DIFF_TRIM_HEAD: {
    severity: 'info',
    title: 'Head trimmed',
    message: (p: { event: string; clip: string; frames: number; from: string; to: string }) =>
      `event ${p.event} (${p.clip}): source in ${p.from} -> ${p.to}, ${Math.abs(p.frames)} frame${Math.abs(p.frames) === 1 ? '' : 's'} ${p.frames > 0 ? 'shorter' : 'longer'} at the head`,
  },
  DIFF_TRIM_TAIL: {
    severity: 'info',
    title: 'Tail trimmed',
    message: (p: { event: string; clip: string; frames: number; from: string; to: string }) =>
      `event ${p.event} (${p.clip}): source out ${p.from} -> ${p.to}, ${Math.abs(p.frames)} frame${Math.abs(p.frames) === 1 ? '' : 's'} ${p.frames > 0 ? 'shorter' : 'longer'} at the tail`,
  },
  DIFF_EVENT_MOVED: {
    severity: 'info',
    title: 'Shot moved',
    message: (p: { oldEvent: string; event: string; clip: string; from: string; to: string }) => `${p.clip} moved from old event ${p.oldEvent} at ${p.from} to event ${p.event} at ${p.to}`,
  },
  DIFF_EVENT_REPLACED: {
    severity: 'info',
    title: 'Shot replaced',
    message: (p: { oldEvent: string; event: string; oldClip: string; clip: string }) => `old event ${p.oldEvent} (${p.oldClip}) was replaced by event ${p.event} (${p.clip}) in the same slot`,
  },
  DIFF_EVENT_SHIFTED: {
    severity: 'info',
    title: 'Shot shifted in record',
    message: (p: { event: string; clip: string; frames: number }) => `event ${p.event} (${p.clip}) is unchanged but sits ${Math.abs(p.frames)} frame${Math.abs(p.frames) === 1 ? '' : 's'} ${p.frames < 0 ? 'earlier' : 'later'}`,
  },
  DIFF_VFX_VERSION: {
    severity: 'info',
    title: 'VFX version changed',
    message: (p: { event: string; shot: string; from: string; to: string }) => `event ${p.event}: shot ${p.shot} changed version, ${p.from} -> ${p.to}`,
  },
  DIFF_SLIP: {
    severity: 'error',
    title: 'Slipped source',
    message: (p: { event: string; clip: string; frames: number }) => `event ${p.event} (${p.clip}): the online uses the same clip ${Math.abs(p.frames)} frame${Math.abs(p.frames) === 1 ? '' : 's'} ${p.frames > 0 ? 'later' : 'earlier'} in the source`,
  },
  DIFF_WRONG_CLIP: {
    severity: 'error',
    title: 'Wrong clip in the online',
    message: (p: { event: string; expected: string; actual: string }) => `event ${p.event}: the offline has ${p.expected}, the online has ${p.actual}`,
  },
  DIFF_EVENT_MISSING: {
    severity: 'error',
    title: 'Event missing from the online',
    message: (p: { event: string; clip: string; recordIn: string }) => `offline event ${p.event} (${p.clip}) at ${p.recordIn} has no online event`,
  },
  DIFF_START_DIFFERS: {
    severity: 'info',
    title: 'Offline and online start at different timecodes',
    message: (p: { offline: string; online: string; aligned: string }) =>
      p.aligned === 'record timecode'
        ? `the offline starts at ${p.offline} and the online at ${p.online}; shots are compared at the same record timecode`
        : `the offline starts at ${p.offline} and the online at ${p.online}, and their record timecodes never meet; shots are compared from each cut's first frame`,
  },
  DIFF_EVENT_EXTRA: {
    severity: 'error',
    title: 'Extra event in the online',
    message: (p: { event: string; clip: string; recordIn: string }) => `online event ${p.event} (${p.clip}) at ${p.recordIn} is not in the offline`,
  },
  DIFF_DURATION_CHANGED: {
    severity: 'error',
    title: 'Duration differs from the offline',
    message: (p: { event: string; clip: string; expected: number; actual: number }) => `event ${p.event} (${p.clip}) runs ${p.actual} frames in the online, ${p.expected} in the offline`,
  },
});
