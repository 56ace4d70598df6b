import { defineCodes } from './types.ts';

/** DELIVER finding codes. Never renamed or reused; a retired code stays with a note. */
export const DELIVER_CODES = defineCodes({
  DELIVER_SOURCE_MISSING: {
    severity: 'warning',
    title: 'A clip of the cut has no media to render from',
    message: (p: { event: string; clip: string; recordIn: string; jobs: number }) =>
      `event ${p.event} (${p.clip}) at ${p.recordIn} has no media; the ${p.jobs} job${p.jobs === 1 ? '' : 's'} that need${p.jobs === 1 ? 's' : ''} it will fail when run`,
  },
  DELIVER_EDIT_UNSUPPORTED: {
    severity: 'warning',
    title: 'An edit the standalone renderer cannot make honestly',
    message: (p: { what: string; recordIn: string }) => `${p.what} at ${p.recordIn}: the ffmpeg renderer makes cuts, speed changes, freezes and dissolves only; render the jobs that cover it in the host`,
  },
  DELIVER_PROFILE_CODEC_UNSUPPORTED: {
    severity: 'error',
    title: 'The profile asks for a codec no preset renders',
    message: (p: { profile: string; codec: string }) => `profile ${p.profile} asks for ${p.codec}, which no deliver preset renders; no master job was planned for it`,
  },
  DELIVER_PROFILE_RATE_NOT_ALLOWED: {
    severity: 'error',
    title: 'The timeline rate is not a rate the profile accepts',
    message: (p: { profile: string; rate: string; allowed: string }) => `the timeline runs at ${p.rate}; profile ${p.profile} accepts ${p.allowed}`,
  },
  DELIVER_TIMECODE_RESTRIPED: {
    severity: 'info',
    title: 'Outputs carry the profile\'s programme start timecode',
    message: (p: { from: string; to: string; profile: string }) => `the cut starts at ${p.from}; outputs checked against ${p.profile} start at ${p.to}, as the profile asks`,
  },
  DELIVER_PRESET_UNKNOWN: {
    severity: 'error',
    title: 'Unknown deliverable preset',
    message: (p: { preset: string; known: string }) => `no deliverable preset "${p.preset}"; known presets: ${p.known}`,
  },
  DELIVER_NAMING_FAILED: {
    severity: 'error',
    title: 'A deliverable could not be named',
    message: (p: { job: string; reason: string }) => `job ${p.job}: ${p.reason}`,
  },
  DELIVER_NAME_OFF_CONVENTION: {
    severity: 'error',
    title: 'A deliverable\'s name breaks the naming convention asked for',
    message: (p: { job: string; name: string; convention: string; problems: string }) => `${p.name} (job ${p.job}) does not meet naming convention ${p.convention}: ${p.problems}`,
  },
  DELIVER_NAME_COLLISION: {
    severity: 'error',
    title: 'Two deliverables would get the same name',
    message: (p: { path: string; jobs: string }) => `jobs ${p.jobs} would all write ${p.path}; add a field that tells them apart to the naming template`,
  },
  DELIVER_NO_AUDIO: {
    severity: 'info',
    title: 'The cut has no audio tracks',
    message: (p: { timeline: string }) => `${p.timeline} has no audio tracks: outputs carry picture only and no stems are planned`,
  },
  DELIVER_CAPTIONS_NOT_PLANNED: {
    severity: 'info',
    title: 'Caption sidecars are not part of this plan',
    message: (p: { formats: string }) => `the profile asks for caption sidecars (${p.formats}); no captions were given to convert: pass --captions <file> to deliver them`,
  },
  DELIVER_CAPTIONS_FORMAT_UNSUPPORTED: {
    severity: 'warning',
    title: 'Caption sidecar format cannot be written',
    message: (p: { format: string; writable: string }) => `the profile asks for ${p.format} captions, which Picturelock does not write (it writes ${p.writable}); deliver that file separately`,
  },
  DELIVER_CAPTIONS_WRITTEN_AS: {
    severity: 'info',
    title: 'Caption sidecar written in a related format',
    message: (p: { format: string; as: string }) => `${p.format} captions are written as ${p.as}`,
  },
  DELIVER_CAPTIONS_UNREADABLE: {
    severity: 'error',
    title: 'Captions could not be converted',
    message: (p: { file: string; reason: string }) => `${p.file} could not be converted: ${p.reason}`,
  },
  DELIVER_JOB_FAILED: {
    severity: 'error',
    title: 'A deliverable failed',
    message: (p: { job: string; output: string; reason: string }) => `${p.output} (job ${p.job}) failed: ${p.reason}`,
  },
  DELIVER_JOB_NOT_DONE: {
    severity: 'error',
    title: 'A deliverable has not been rendered and verified',
    message: (p: { job: string; output: string; state: string }) => `${p.output} (job ${p.job}) is ${p.state}, not verified; run \`deliver run\` on the plan`,
  },
  DELIVER_JOB_STALE: {
    severity: 'warning',
    title: 'A deliverable is out of date after a re-plan',
    message: (p: { job: string; output: string; was: string }) => `${p.output} (job ${p.job}) was ${p.was} but its settings or sources changed; it will be rendered again`,
  },
  DELIVER_SIDECAR_FAILED: {
    severity: 'error',
    title: 'A sidecar could not be written',
    message: (p: { path: string; reason: string }) => `${p.path}: ${p.reason}`,
  },
});
