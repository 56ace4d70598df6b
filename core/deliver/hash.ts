/**
 * A content hash for plan ids and job fingerprints: 64-bit FNV-1a over the UTF-16 code units
 * of a string, as 16 hex digits (two 32-bit lanes with different offset bases). It names
 * content, it does not protect it: checksums of delivered files come from core/checksum.
 */
export function deliverContentHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c ^ (a >>> 15), 0x01000193);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
