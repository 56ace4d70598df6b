/**
 * CEA-608 (line 21) character sets and control codes, channel 1 (CC1), before parity.
 * - Basic set: printable bytes 0x20-0x7F; ASCII except ten positions (0x2A á, 0x5C é,
 *   0x5E í, 0x5F ó, 0x60 ú, 0x7B ç, 0x7C ÷, 0x7D Ñ, 0x7E ñ, 0x7F solid block).
 * - Special characters: pair 0x11 0x30-0x3F (®, °, ½ ... û; 0x39 is the transparent space).
 * - Extended Western European: pairs 0x12 / 0x13 0x20-0x3F; each replaces the character
 *   before it, so writers send a basic fallback first (CEA-608 §6.4.2).
 * - Bytes carry odd parity in bit 7.
 */

const BASIC_OVERRIDES: Readonly<Record<number, string>> = {
  0x2a: 'á',
  0x5c: 'é',
  0x5e: 'í',
  0x5f: 'ó',
  0x60: 'ú',
  0x7b: 'ç',
  0x7c: '÷',
  0x7d: 'Ñ',
  0x7e: 'ñ',
  0x7f: '█',
};

export const CEA608_SPECIAL = ['®', '°', '½', '¿', '™', '¢', '£', '♪', 'à', '\u00a0', 'è', 'â', 'ê', 'î', 'ô', 'û'] as const;

/** 0x12 0x20-0x3F: Spanish, miscellaneous, French. */
export const CEA608_EXTENDED_12 = [
  'Á', 'É', 'Ó', 'Ú', 'Ü', 'ü', '‘', '¡', '*', '’', '—', '©', '℠', '•', '“', '”',
  'À', 'Â', 'Ç', 'È', 'Ê', 'Ë', 'ë', 'Î', 'Ï', 'ï', 'Ô', 'Ù', 'ù', 'Û', '«', '»',
] as const;

/** 0x13 0x20-0x3F: Portuguese, German, Danish. */
export const CEA608_EXTENDED_13 = [
  'Ã', 'ã', 'Í', 'Ì', 'ì', 'Ò', 'ò', 'Õ', 'õ', '{', '}', '\\', '^', '_', '|', '~',
  'Ä', 'ä', 'Ö', 'ö', 'ß', '¥', '¤', '│', 'Å', 'å', 'Ø', 'ø', '┌', '┐', '└', '┘',
] as const;

export function basicChar(b: number): string {
  return BASIC_OVERRIDES[b] ?? String.fromCharCode(b);
}

/** How a character is sent: one basic byte, a special pair, or an extended pair after a fallback byte. */
export type Cea608Encoding =
  | { readonly kind: 'basic'; readonly byte: number }
  | { readonly kind: 'special'; readonly pair: readonly [number, number] }
  | { readonly kind: 'extended'; readonly fallback: number; readonly pair: readonly [number, number] };

const ENCODING = new Map<string, Cea608Encoding>();
for (let b = 0x20; b <= 0x7f; b++) ENCODING.set(basicChar(b), { kind: 'basic', byte: b });
CEA608_SPECIAL.forEach((c, i) => {
  if (!ENCODING.has(c)) ENCODING.set(c, { kind: 'special', pair: [0x11, 0x30 + i] });
});

/** The basic character shown by decoders that do not know the extended set. */
function fallbackOf(c: string): number {
  const plain = c.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const map: Record<string, string> = { '‘': "'", '’': "'", '“': '"', '”': '"', '—': '-', '©': 'c', '℠': 's', '•': '.', '«': '"', '»': '"', 'ß': 's', '¥': 'Y', '¤': 'o', '│': '!', '┌': '+', '┐': '+', '└': '+', '┘': '+', 'Ø': 'O', 'ø': 'o', '¡': '!', '*': '.', '{': '(', '}': ')', '\\': '/', '^': "'", _: '-', '|': '!', '~': '-' };
  const f = map[c] ?? plain;
  const code = f.charCodeAt(0);
  return code >= 0x20 && code < 0x7f && !BASIC_OVERRIDES[code] ? code : 0x20;
}

CEA608_EXTENDED_12.forEach((c, i) => {
  if (!ENCODING.has(c)) ENCODING.set(c, { kind: 'extended', fallback: fallbackOf(c), pair: [0x12, 0x20 + i] });
});
CEA608_EXTENDED_13.forEach((c, i) => {
  if (!ENCODING.has(c)) ENCODING.set(c, { kind: 'extended', fallback: fallbackOf(c), pair: [0x13, 0x20 + i] });
});

/** Every character CEA-608 can show, in code order (basic, special, extended). */
export const CEA608_CHARACTERS: readonly string[] = [...ENCODING.keys()];

export function cea608Encoding(c: string): Cea608Encoding | undefined {
  return ENCODING.get(c);
}

/** Characters often typed where 608 has none, and what to send instead. */
export const CEA608_SUBSTITUTES: Readonly<Record<string, string>> = {
  '…': '...',
  '–': '-',
  '\u2010': '-',
  '\u2011': '-',
  '„': '"',
  '‚': "'",
  '\u00ad': '',
  '\t': ' ',
  'œ': 'oe',
  'Œ': 'OE',
  'æ': 'ae',
  'Æ': 'AE',
};

export function withParity(b: number): number {
  let ones = 0;
  for (let x = b & 0x7f; x; x >>= 1) ones += x & 1;
  return ones % 2 === 1 ? b & 0x7f : (b & 0x7f) | 0x80;
}

export function hasOddParity(b: number): boolean {
  let ones = 0;
  for (let x = b; x; x >>= 1) ones += x & 1;
  return ones % 2 === 1;
}

/** PAC first byte (CC1) and whether the row uses second bytes 0x60-0x7F, for rows 1-15. */
export const PAC_ROWS: readonly (readonly [number, boolean])[] = [
  [0x11, false], [0x11, true], [0x12, false], [0x12, true], [0x15, false], [0x15, true], [0x16, false], [0x16, true],
  [0x17, false], [0x17, true], [0x10, false], [0x13, false], [0x13, true], [0x14, false], [0x14, true],
];

/** The row (1-15) a PAC addresses. */
export function pacRow(b1: number, b2: number): number | undefined {
  const high = b2 >= 0x60;
  const idx = PAC_ROWS.findIndex(([f, h]) => f === b1 && h === high);
  return idx < 0 ? undefined : idx + 1;
}

/** Colours of PAC / mid-row attribute codes 0-13 (pairs: plain, underlined). Green is CSS `lime`. */
export const CEA608_COLORS = ['white', 'lime', 'blue', 'cyan', 'red', 'yellow', 'magenta'] as const;

/** The attribute a PAC or mid-row code's low nibble sets (0x0-0xF). */
export function attributeOf(nibble: number): { color: string; italic: boolean; underline: boolean } {
  const underline = (nibble & 1) === 1;
  if (nibble >= 0x0e) return { color: 'white', italic: true, underline };
  return { color: CEA608_COLORS[nibble >> 1]!, italic: false, underline };
}

/** Misc control codes (second byte with first byte 0x14). */
export const MISC = {
  RCL: 0x20,
  BS: 0x21,
  AOF: 0x22,
  AON: 0x23,
  DER: 0x24,
  RU2: 0x25,
  RU3: 0x26,
  RU4: 0x27,
  FON: 0x28,
  RDC: 0x29,
  TR: 0x2a,
  RTD: 0x2b,
  EDM: 0x2c,
  CR: 0x2d,
  ENM: 0x2e,
  EOC: 0x2f,
} as const;
