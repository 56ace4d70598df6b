import { defineCodes } from './types.ts';

/** SPEC finding codes. Never renamed or reused; a retired code stays with a note. */
export const SPEC_CODES = defineCodes({
  SPEC_RULE_FAILED: {
    severity: 'error',
    title: 'Delivery rule failed',
    message: (p: { rule: string; requested: string; actual: string; unconfirmed: boolean }) =>
      `${p.rule}: requested ${p.requested}, found ${p.actual}${p.unconfirmed ? ' (the profile marks this value unconfirmed, so it is a warning)' : ''}`,
  },
  SPEC_FACT_NOT_STATED: {
    severity: 'error',
    title: 'The file does not state a fact the profile requires',
    message: (p: { rule: string; requested: string; fact: string; unconfirmed: boolean }) =>
      `${p.rule}: requested ${p.requested}, but the file does not state ${p.fact}${p.unconfirmed ? ' (unconfirmed value, warning)' : ''}`,
  },
  SPEC_ANY_FAILED: {
    severity: 'error',
    title: 'No accepted alternative passed',
    message: (p: { rule: string; alternatives: string }) => `${p.rule}: none of the accepted alternatives passed (${p.alternatives})`,
  },
  SPEC_RULE_NOT_MEASURED: {
    severity: 'info',
    title: 'Rule not measured',
    message: (p: { rule: string; requested: string; why: string }) => `${p.rule}: requested ${p.requested}; not measured (${p.why})`,
  },
  SPEC_PROFILE_INVALID: {
    severity: 'error',
    title: 'Delivery profile is not valid',
    message: (p: { profile: string; field: string; problem: string }) => `${p.profile}: ${p.field}: ${p.problem}`,
  },
  SPEC_PROFILE_UNKNOWN: {
    severity: 'error',
    title: 'Unknown delivery profile',
    message: (p: { id: string; known: string }) => `no profile "${p.id}"; known profiles: ${p.known}`,
  },
  SPEC_PROFILE_EXTENDS_INVALID: {
    severity: 'error',
    title: 'Profile extends a missing profile or itself',
    message: (p: { id: string; chain: string }) => `${p.id} cannot be resolved: ${p.chain}`,
  },
});
