import { defineCodes } from './types.ts';

/** AAF finding codes. Never renamed or reused; a retired code stays with a note. */
export const AAF_CODES = defineCodes({
  AAF_CONTAINER_UNREADABLE: {
    severity: 'error',
    title: 'AAF container cannot be read',
    message: (p: { reason: string }) => `the Structured Storage (Compound File) container cannot be read: ${p.reason}; nothing was read`,
  },
  AAF_STREAM_MISSING: {
    severity: 'error',
    title: 'AAF object or stream missing',
    message: (p: { path: string; wanted: string }) => `${p.wanted} "${p.path}" is not in the file (truncated or a broken sector chain); what it held was skipped`,
  },
  AAF_PROPERTIES_MALFORMED: {
    severity: 'error',
    title: 'AAF properties stream is malformed',
    message: (p: { path: string; reason: string }) => `the properties of "${p.path}" cannot be read: ${p.reason}; the object was read as far as it goes`,
  },
  AAF_BYTE_ORDER_UNSUPPORTED: {
    severity: 'error',
    title: 'Big-endian AAF properties',
    message: (p: { path: string }) => `"${p.path}" stores its properties big-endian; only little-endian (the byte order every known writer uses) is read`,
  },
  AAF_REFERENCE_UNRESOLVED: {
    severity: 'warning',
    title: 'AAF reference to a missing object',
    message: (p: { from: string; what: string; key: string }) => `${p.from} refers to ${p.what} ${p.key}, which is not in the file; the reference was skipped`,
  },
  AAF_REFERENCE_LOOP: {
    severity: 'error',
    title: 'AAF references form a loop',
    message: (p: { path: string }) => `following references from "${p.path}" leads back to itself; the loop was cut there`,
  },
  AAF_LIMIT_EXCEEDED: {
    severity: 'error',
    title: 'AAF exceeds a resource limit',
    message: (p: { what: string; limit: number }) => `${p.what} exceeds the limit of ${p.limit}; reading stopped there`,
  },
  AAF_NO_COMPOSITION: {
    severity: 'warning',
    title: 'AAF holds no composition',
    message: (p: { mobs: number; read: string }) => `the file holds no CompositionMob to show as a sequence (${p.mobs} mobs in all); ${p.read}`,
  },
  AAF_COMPONENT_UNSUPPORTED: {
    severity: 'warning',
    title: 'AAF component read as a gap',
    message: (p: { className: string; frames: number }) => `a ${p.className} component is not one Picturelock turns into an event; its ${p.frames} frames were kept as a gap`,
  },
  AAF_SPEED_NOT_LINEAR: {
    severity: 'warning',
    title: 'AAF speed change is not constant',
    message: (p: { effect: string }) => `"${p.effect}" changes speed over the clip (a keyframed speed map); it is kept as a named effect and the source range assumes 100% speed`,
  },
  AAF_SOURCE_UNRESOLVED: {
    severity: 'warning',
    title: 'AAF clip source not found',
    message: (p: { clip: string; mobId: string }) => `the clip "${p.clip}" refers to mob ${p.mobId}, which is not in the file; it has no reel, file or source timecode`,
  },
  AAF_ESSENCE_EMBEDDED: {
    severity: 'info',
    title: 'AAF carries embedded media',
    message: (p: { count: number }) => `the file embeds ${p.count} essence stream${p.count === 1 ? '' : 's'} (media inside the AAF); it is not decoded, clips refer to it by mob`,
  },
  AAF_TIMECODE_SLOT_MISSING: {
    severity: 'info',
    title: 'AAF composition has no timecode track',
    message: (p: { name: string }) => `"${p.name}" has no timecode track; the sequence starts at 00:00:00:00`,
  },
  AAF_TRACK_ORIGIN_TRIMMED: {
    severity: 'info',
    title: 'AAF track starts after its origin',
    message: (p: { track: string; frames: number }) => `track ${p.track} has an origin of ${p.frames} frames; the frames before it were not kept`,
  },
});
