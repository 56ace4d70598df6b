/** Conform: checks and their registry, media inventory and matching, cut comparison, relinked lists, pulls and reports. */
export { conformBaseName, conformPathKey, conformNameKey, conformCameraClipId, conformCameraRoll, conformReelKeys, conformVfxVersion } from './names.ts';
export type { ConformEvent } from './events.ts';
export { conformEventsOf, conformTrackLabel, conformFramesAt, conformSourceLabel, conformWhereOf } from './events.ts';
export type { ConformCsvField, ConformCsvMapping } from './inventory.ts';
export { conformParseCsv, conformInventoryFromCsv, conformInventoryFromTimeline, conformRecordOfMediaInfo, conformRecordCountedAt } from './inventory.ts';
export type { ConformMatchRule, ConformMatch, ConformIndex } from './match.ts';
export { CONFORM_MATCH_RULES, conformIndexOf, conformMatchEvent, conformNeededRange, conformRecordPath, conformIsAudioOnly, conformParseMatchRules } from './match.ts';
export type { ConformCheck, ConformCheckContext } from './checks.ts';
export { CONFORM_CHECKS, defineCheck, conformRunChecks, conformHandlesOf } from './checks.ts';
export type { ConformCheckOptions, ConformTimelineCheck, ConformOptions, ConformEventResult, ConformResult } from './conform.ts';
export { CONFORM_DEFAULT_FLASH_FRAMES, conformCheckTimeline, conformTimeline } from './conform.ts';
export type { ConformChangeKind, ConformChange, ConformDiff } from './diff.ts';
export { conformDiffVersions, conformDiffOnline, conformChangeRows, conformChangeCsv, conformChangeTimeline } from './diff.ts';
export type { ConformPullRow } from './relink.ts';
export { conformRelinkedTimeline, conformPullList, conformIsVfxEvent, conformVfxPullList, conformPullCsv, conformPullTimeline } from './relink.ts';
export { conformStripSvg, conformStripSection, conformMatchSection, conformChangeSection, conformReportHtml } from './report.ts';
