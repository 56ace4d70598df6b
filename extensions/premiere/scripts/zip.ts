import { crc32 } from 'node:zlib';

/**
 * A store-only ZIP writer (PKWARE APPNOTE 6.3: local file headers, central directory, end of
 * central directory; method 0, no compression, no ZIP64). A `.ccx` is a plain zip of the UXP
 * plugin folder (docs/hosts/premiere-uxp.md §6); storing instead of deflating keeps this
 * small and the result is read by every unzip. Limits that follow from skipping ZIP64: fewer
 * than 65,535 entries and under 4 GiB in total, checked rather than written wrong.
 */

export interface ZipEntry {
  /** Forward-slash path inside the archive, no leading slash (`manifest.json`, `icons/dark.png`). */
  readonly path: string;
  readonly data: Uint8Array;
}

const UTF8_FLAG = 0x0800;
/** 1980-01-01 00:00 in MS-DOS date/time: a fixed stamp so the same input gives the same bytes. */
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1; // (year - 1980) << 9 | month << 5 | day

export function storedZip(entries: readonly ZipEntry[]): Uint8Array {
  if (entries.length >= 0xffff) throw new Error(`a .ccx without ZIP64 holds fewer than 65535 files, not ${entries.length}`);
  const enc = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    if (entry.path === '' || entry.path.startsWith('/') || entry.path.includes('\\')) throw new Error(`bad zip entry path "${entry.path}"`);
    const name = enc.encode(entry.path);
    const crc = crc32(entry.data) >>> 0;
    const size = entry.data.length;

    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true); // local file header signature
    lv.setUint16(4, 20, true); // version needed: 2.0
    lv.setUint16(6, UTF8_FLAG, true);
    lv.setUint16(8, 0, true); // method: stored
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, size, true); // compressed size
    lv.setUint32(22, size, true); // uncompressed size
    lv.setUint16(26, name.length, true);
    lv.setUint16(28, 0, true); // extra field length
    local.set(name, 30);

    const central = new Uint8Array(46 + name.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, 0x02014b50, true); // central directory header signature
    cv.setUint16(4, 20, true); // version made by: 2.0, MS-DOS attributes
    cv.setUint16(6, 20, true);
    cv.setUint16(8, UTF8_FLAG, true);
    cv.setUint16(10, 0, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, size, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    // extra length, comment length, disk number, internal and external attributes stay 0
    cv.setUint32(42, offset, true); // offset of the local header
    central.set(name, 46);

    locals.push(local, entry.data);
    centrals.push(central);
    offset += local.length + size;
    if (offset > 0xffffffff) throw new Error('a .ccx without ZIP64 stays under 4 GiB');
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true); // end of central directory signature
  ev.setUint16(8, entries.length, true); // entries on this disk
  ev.setUint16(10, entries.length, true); // entries in total
  ev.setUint32(12, centralSize, true);
  ev.setUint32(16, offset, true); // where the central directory starts

  const out = new Uint8Array(offset + centralSize + end.length);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
