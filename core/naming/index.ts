export type { NamingFormat } from './formats.ts';
export type {
  NamingFilter,
  NamingFieldToken,
  NamingLiteral,
  NamingElement,
  NamingTemplate,
  NamingCompileOptions,
  NamingFieldValues,
  NamingExpansion,
  NamingSegment,
  NamingParse,
} from './template.ts';
export { NAMING_FILTERS, compileNamingTemplate, namingTemplateOf, expandNamingTemplate, parseNamingName, namingSegmentsLoosely } from './template.ts';
export type { NamingFacts, NamingFactKind, NamingFieldToCheck } from './facts.ts';
export {
  namingFactOfField,
  namingRateFromLabel,
  namingRateLabel,
  namingResolutionLabel,
  namingChannelsFromLabel,
  namingAudioLabel,
  namingFieldsFromFacts,
  checkNamingFacts,
} from './facts.ts';
export type { NamingTargetOs, NamingSanitised } from './sanitize.ts';
export {
  NAMING_TARGET_OSES,
  NAMING_COMPONENT_MAX,
  utf8Length,
  namingComponentProblems,
  sanitizedNamingComponent,
  namingRelativePathProblems,
} from './sanitize.ts';
export type { NamingVersion, NamingBump } from './version.ts';
export { namingVersionOf, namingSiblingVersions, bumpedNamingVersion } from './version.ts';
export type { NamingConventionData, NamingFieldSpec, NamingConvention, NamingConventionCheck } from './convention.ts';
export {
  NAMING_CONVENTION_SCHEMA,
  NamingConventionSchema,
  loadNamingConvention,
  checkNamingConvention,
  NAMING_CONVENTION_DATA,
  NAMING_CONVENTIONS,
  namingConventionById,
} from './convention.ts';
export type { NamingRenameStatus, NamingRenameItem, NamingRenameStep, NamingRenamePlan } from './plan.ts';
export { NAMING_RENAME_PLAN_SCHEMA, namingCollisionKey, plannedNamingRenames, invertedNamingSteps } from './plan.ts';
