import { defineCodes } from './types.ts';

/** NAMING finding codes. Never renamed or reused; a retired code stays with a note. */
export const NAMING_CODES = defineCodes({
  NAMING_TEMPLATE_SYNTAX: {
    severity: 'error',
    title: 'Naming template is not well formed',
    message: (p: { template: string; column: number; reason: string }) => `template \`${p.template}\` column ${p.column}: ${p.reason}`,
  },
  NAMING_TEMPLATE_UNCLOSED_BRACE: {
    severity: 'error',
    title: 'Naming template has an unclosed brace',
    message: (p: { template: string; column: number; open: string }) =>
      `template \`${p.template}\`: the \`${p.open}\` opened at column ${p.column} is never closed`,
  },
  NAMING_TEMPLATE_UNKNOWN_FILTER: {
    severity: 'error',
    title: 'Naming template uses an unknown filter',
    message: (p: { token: string; filter: string; known: string }) => `\`${p.token}\`: unknown filter \`${p.filter}\` (known: ${p.known})`,
  },
  NAMING_TEMPLATE_BAD_FORMAT: {
    severity: 'error',
    title: 'Naming template token has a format it cannot use',
    message: (p: { token: string; format: string; reason: string }) => `\`${p.token}\`: format \`${p.format}\` ${p.reason}`,
  },
  NAMING_TEMPLATE_AMBIGUOUS: {
    severity: 'error',
    title: 'Naming template cannot be read back unambiguously',
    message: (p: { first: string; second: string }) =>
      `\`${p.first}\` and \`${p.second}\` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as \`_\` between them or give one a fixed width`,
  },
  NAMING_FIELD_MISSING: {
    severity: 'error',
    title: 'Naming field has no value',
    message: (p: { field: string }) => `field \`${p.field}\` has no value (set it, or put its segment in [ ] to make it optional)`,
  },
  NAMING_FIELD_INVALID: {
    severity: 'error',
    title: 'Naming field value cannot be used',
    message: (p: { field: string; value: string; reason: string }) => `field \`${p.field}\` value \`${p.value}\` ${p.reason}`,
  },
  NAMING_NAME_MISMATCH: {
    severity: 'error',
    title: 'Name does not fit the template',
    message: (p: { name: string; segment: number; text: string; pattern: string; reason: string }) =>
      `\`${p.name}\`: segment ${p.segment} \`${p.text}\` does not match \`${p.pattern}\`${p.reason ? ` (${p.reason})` : ''}`,
  },
  NAMING_NAME_STRUCTURE: {
    severity: 'error',
    title: 'Name has the wrong structure',
    message: (p: { name: string; segment: number; reason: string }) => `\`${p.name}\`: after segment ${p.segment}, ${p.reason}`,
  },
  NAMING_VALUE_NOT_ALLOWED: {
    severity: 'error',
    title: 'Name field value is not allowed by the convention',
    message: (p: { name: string; segment: number; field: string; value: string; allowed: string }) =>
      `\`${p.name}\`: segment ${p.segment} \`${p.value}\` is not an allowed ${p.field} (allowed: ${p.allowed})`,
  },
  NAMING_NAME_TOO_LONG: {
    severity: 'error',
    title: 'Name or field is longer than allowed',
    message: (p: { name: string; what: string; length: number; limit: number }) => `\`${p.name}\`: ${p.what} is ${p.length} characters, the limit is ${p.limit}`,
  },
  NAMING_CHARACTER_NOT_ALLOWED: {
    severity: 'error',
    title: 'Name uses a character outside the allowed set',
    message: (p: { name: string; char: string; position: number; allowed: string }) =>
      `\`${p.name}\`: character \`${p.char}\` at position ${p.position} is not allowed (allowed: ${p.allowed})`,
  },
  NAMING_FACT_MISMATCH: {
    severity: 'error',
    title: 'Name says something the media contradicts',
    message: (p: { name: string; field: string; value: string; fact: string }) => `\`${p.name}\`: ${p.field} \`${p.value}\` but the media is ${p.fact}`,
  },
  NAMING_VERSION_SUPERSEDED: {
    severity: 'warning',
    title: 'A newer version of this name exists',
    message: (p: { name: string; version: string; newest: string }) => `\`${p.name}\` is ${p.version} but ${p.newest} already exists beside it`,
  },
  NAMING_VERSION_NOT_FOUND: {
    severity: 'error',
    title: 'Name carries no version number',
    message: (p: { name: string }) => `\`${p.name}\` has no version number (such as v001) to bump`,
  },
  NAMING_RESERVED_NAME: {
    severity: 'error',
    title: 'Name is reserved by the operating system',
    message: (p: { name: string; stem: string; os: string }) => `\`${p.name}\`: \`${p.stem}\` is a reserved device name on ${p.os}`,
  },
  NAMING_ILLEGAL_CHARACTER: {
    severity: 'error',
    title: 'Name has a character the file system refuses',
    message: (p: { name: string; char: string; os: string }) => `\`${p.name}\`: \`${p.char}\` cannot be used in a file name on ${p.os}`,
  },
  NAMING_TRAILING_CHARACTER: {
    severity: 'error',
    title: 'Name ends in a dot or space',
    message: (p: { name: string; os: string }) => `\`${p.name}\` ends in a dot or space, which ${p.os} strips silently`,
  },
  NAMING_COMPONENT_TOO_LONG: {
    severity: 'error',
    title: 'Name is longer than the file system allows',
    message: (p: { name: string; length: number; limit: number; unit: string; os: string }) =>
      `\`${p.name}\` is ${p.length} ${p.unit}; ${p.os} allows ${p.limit}`,
  },
  NAMING_NOT_NFC: {
    severity: 'warning',
    title: 'Name is not Unicode NFC',
    message: (p: { name: string }) => `\`${p.name}\` is not in Unicode NFC; it may look identical to another name yet differ on disk`,
  },
  NAMING_PATH_ESCAPE: {
    severity: 'error',
    title: 'Name would leave its folder',
    message: (p: { name: string; reason: string }) => `\`${p.name}\` is refused: ${p.reason}`,
  },
  NAMING_SANITISED: {
    severity: 'info',
    title: 'Name was changed to be legal',
    message: (p: { from: string; to: string; reason: string }) => `\`${p.from}\` became \`${p.to}\`: ${p.reason}`,
  },
  NAMING_RENAME_COLLISION: {
    severity: 'error',
    title: 'Rename would collide',
    message: (p: { from: string; to: string; other: string }) => `\`${p.from}\` -> \`${p.to}\` collides with ${p.other}`,
  },
  NAMING_RENAME_CYCLE: {
    severity: 'error',
    title: 'Renames form a cycle',
    message: (p: { from: string; to: string }) => `\`${p.from}\` -> \`${p.to}\` is part of a cycle of renames; rename through an intermediate name first`,
  },
  NAMING_CONVENTION_INVALID: {
    severity: 'error',
    title: 'Naming convention file is not valid',
    message: (p: { source: string; issue: string }) => `${p.source}: ${p.issue}`,
  },
});
