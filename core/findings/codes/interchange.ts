import { defineCodes } from './types.ts';

/** INTERCHANGE finding codes. Never renamed or reused; a retired code stays with a note. */
export const INTERCHANGE_CODES = defineCodes({
  XML_SYNTAX_INVALID: {
    severity: 'error',
    title: 'XML is not well-formed',
    message: (p: { reason: string }) => `the XML is not well-formed: ${p.reason}`,
  },
  XML_ENTITY_DECLARED: {
    severity: 'error',
    title: 'XML declares entities (refused)',
    message: (p: { doctype: string }) => `the DOCTYPE ${p.doctype} declares entities; entity expansion is refused and the file was not read`,
  },
  XML_ENTITY_UNKNOWN: {
    severity: 'warning',
    title: 'Unknown XML entity',
    message: (p: { entity: string }) => `the entity ${p.entity} is not one of XML's five or a character reference; kept as written`,
  },
  XML_LIMIT_EXCEEDED: {
    severity: 'error',
    title: 'XML exceeds a resource limit',
    message: (p: { what: string; limit: number; actual: number }) => `${p.what} exceeds the limit of ${p.limit} (found ${p.actual}); the file was not read`,
  },
  XML_ROOT_MISSING: {
    severity: 'error',
    title: 'XML has no root element',
    message: (_p: Record<string, never>) => 'the text holds no XML element',
  },
  INTERCHANGE_TEXT_ENCODING_GUESSED: {
    severity: 'info',
    title: 'Text encoding guessed',
    message: (p: { encoding: string; why: string }) => `read as ${p.encoding} because ${p.why}; check accented names if they look wrong`,
  },
  INTERCHANGE_TEXT_MALFORMED: {
    severity: 'warning',
    title: 'Text is not well-formed in its encoding',
    message: (p: { encoding: string; reason: string }) => `the ${p.encoding} text is damaged: ${p.reason}`,
  },});
