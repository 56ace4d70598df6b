import { GENERAL_CODES } from './general.ts';
import { EDL_CODES } from './edl.ts';
import { FCP7XML_CODES } from './fcp7xml.ts';
import { FCPXML_CODES } from './fcpxml.ts';
import { OTIO_CODES } from './otio.ts';
import { ALE_CODES } from './ale.ts';
import { AAF_CODES } from './aaf.ts';
import { INTERCHANGE_CODES } from './interchange.ts';
import { CONFORM_CODES } from './conform.ts';
import { NAMING_CODES } from './naming.ts';
import { SPEC_CODES } from './spec.ts';
import { QC_CODES } from './qc.ts';
import { CAPTIONS_CODES } from './captions.ts';
import { DELIVER_CODES } from './deliver.ts';
import { CHECKSUM_CODES } from './checksum.ts';
import { HOST_CODES } from './host.ts';
import type { CodeDef, Severity } from './types.ts';

/**
 * The closed list of finding codes, one file per area (each area owns its file). Codes
 * follow `<AREA>_<SUBJECT>_<PROBLEM>`, are never renamed and never reused.
 */
export const CODES = {
  ...GENERAL_CODES,
  ...EDL_CODES,
  ...FCP7XML_CODES,
  ...FCPXML_CODES,
  ...OTIO_CODES,
  ...ALE_CODES,
  ...AAF_CODES,
  ...INTERCHANGE_CODES,
  ...CONFORM_CODES,
  ...NAMING_CODES,
  ...SPEC_CODES,
  ...QC_CODES,
  ...CAPTIONS_CODES,
  ...DELIVER_CODES,
  ...CHECKSUM_CODES,
  ...HOST_CODES,
} as const;

export type FindingCode = keyof typeof CODES;
export type ParamsOf<C extends FindingCode> = (typeof CODES)[C] extends CodeDef<infer P> ? P : never;
export type { CodeDef, Severity };
export { defineCodes } from './types.ts';
