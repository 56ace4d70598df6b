/** Deliver: plan a delivery package (render jobs and sidecars), its job state machine, re-plans and the delivery report. */
export {
  DELIVER_PLAN_SCHEMA,
  DELIVER_REPORT_SCHEMA,
  DELIVER_JOB_KINDS,
  DELIVER_JOB_STATES,
} from './model.ts';
export type {
  DeliverPlan,
  DeliverJob,
  DeliverJobKind,
  DeliverJobState,
  DeliverJobResult,
  DeliverCheckRow,
  DeliverContainer,
  DeliverVideoCodec,
  DeliverVideoSettings,
  DeliverAudioSettings,
  DeliverColour,
  DeliverSocialAspect,
  DeliverFit,
  DeliverSegment,
  DeliverMediaSegment,
  DeliverDissolveSegment,
  DeliverDissolveSide,
  DeliverSource,
  DeliverSidecar,
  DeliverSidecarKind,
  DeliverCaptionWriter,
} from './model.ts';
export type { DeliverPreset, DeliverPresetRequest } from './presets.ts';
export { DELIVER_PRESETS, deliverPresetRequest, deliverLayoutOf } from './presets.ts';
export { deliverPathOfUrl, deliverSegmentsOf, deliverMediaSegmentsOf, DeliverSourceTable } from './segments.ts';
export type { DeliverSegmentsResult } from './segments.ts';
export type { DeliverPlanInput, DeliverPlanResult } from './plan.ts';
export { DELIVER_DEFAULT_TEMPLATE, deliverPlanOf, deliverPlanJson, deliverRequestsOfProfile, deliverSamplesAt, deliverShapedValue } from './plan.ts';
export type { DeliverTransition, DeliverReplan } from './state.ts';
export { DELIVER_TRANSITIONS, deliverCanTransition, deliverJobTransitioned, deliverPlanReplanned, deliverPendingJobs, deliverStateCounts } from './state.ts';
export { readDeliverPlan } from './read.ts';
export { deliverContentHash } from './hash.ts';
export type { DeliverReportJson, DeliverReportDeliverable, DeliverReportInput } from './report.ts';
export { deliverReportOf, deliverReportHtml } from './report.ts';
