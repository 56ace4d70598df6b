export type {
  MediaInfo,
  MediaVideoStream,
  MediaAudioStream,
  MediaOtherStream,
  MediaTimecode,
  MediaScanType,
  MediaFieldOrder,
  MediaColourRange,
} from './media.ts';
export { mediaChromaOfPixelFormat, mediaBitDepthOfPixelFormat } from './media.ts';
export type { DeliveryProfile, SpecDuration, SpecLoudnessEntry, SpecConfidence, SpecProfileIssue, SpecField, SpecCustomNode, SpecCustomRule } from './profile.ts';
export {
  SPEC_PROFILE_SCHEMA,
  SPEC_CONTAINERS,
  SPEC_VIDEO_CODECS,
  SPEC_VIDEO_PROFILES,
  SPEC_AUDIO_CODECS,
  SPEC_FIELDS,
  deliveryProfileSchema,
  parseDeliveryProfile,
  parseDeliveryProfileText,
  specConfidenceAt,
} from './profile.ts';
export type { SpecFact, SpecFacts, SpecFactField, SpecOutcome, SpecRuleResult, SpecEvaluation, SpecMediaContext, SpecTimelineSettings } from './engine.ts';
export { evaluateSpec, specFactsOfMedia, specFactsOfTimeline, specRuleTree, specVideoProfileOf } from './engine.ts';
export type { QcMeasurement, QcEvent, QcEventKind, QcLoudness, QcInterlace, QcWaiver } from './qc.ts';
export { qcFindings, qcLabel, qcWaiversResolved } from './qc.ts';
export { SPEC_BUILTIN_PROFILES } from './builtins.ts';
export { specProfileResolved, specBuiltinProfile } from './resolve.ts';
export { specRuleTableSection, specLoudnessPlotSection, specQcStripSection } from './sections.ts';
