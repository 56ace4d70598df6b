/**
 * Name normalisation for matching an offline list against camera originals. Every function
 * returns an upper-case key; two names match when any of their keys are equal.
 */

/** The last path segment of a path or URL (`/a/b/C.mov`, `file://localhost/D%3a/C.mov`, `S:\x\C.mov`). */
export function conformBaseName(pathOrUrl: string): string {
  const p = conformPathKey(pathOrUrl);
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/**
 * A path as a comparable key: `file://` and `file://localhost` removed, percent-escapes
 * decoded, backslashes turned into slashes, case folded (editorial volumes are usually
 * case-insensitive: HFS+, APFS default, NTFS, exFAT).
 */
export function conformPathKey(pathOrUrl: string): string {
  let p = pathOrUrl.trim();
  const m = /^file:\/\/(localhost)?/i.exec(p);
  if (m) p = p.slice(m[0].length);
  if (/%[0-9a-f]{2}/i.test(p)) {
    try {
      p = decodeURIComponent(p);
    } catch {
      // A stray % that is not an escape: keep the text as written.
    }
  }
  p = p.replace(/\\/g, '/');
  // `/D:/media` (a Windows drive written as a URL path) and `D:/media` are the same file.
  if (/^\/[A-Za-z]:\//.test(p)) p = p.slice(1);
  return p.toUpperCase();
}

// Extensions of media and of the names editors give clips; stripped before comparing.
const EXTENSION = /\.(mov|mp4|m4v|mxf|avi|mkv|wav|aif|aiff|bwf|mp3|m4a|r3d|braw|ari|arx|dng|exr|dpx|tif|tiff|jpg|jpeg|png|crm|mts|m2ts|avc|hevc)$/i;
// Avid appends `.01` (and `.new.01` after a relink or consolidate) to clip names it creates.
const AVID_SUFFIX = /(\.new)?\.\d{2}$/i;

/** A clip or file name as a key: folded case, extension and Avid `.01` / `.new.01` suffixes removed. */
export function conformNameKey(name: string): string {
  let n = conformBaseName(name);
  for (let i = 0; i < 3; i++) {
    const before = n;
    n = n.replace(EXTENSION, '').replace(AVID_SUFFIX, '');
    if (n === before) break;
  }
  return n.trim();
}

/**
 * The camera clip id in a camera-original name: ARRI / Sony / Blackmagic `A001C003_250314_R1AB`
 * and RED `A001_C003_0314XY_001` both give `A001C003` (camera letter, roll, clip number).
 */
export function conformCameraClipId(name: string): string | undefined {
  const n = conformNameKey(name);
  const m = /^([A-Z][0-9]{3})_?(C[0-9]{3})(?:[_.-]|$)/.exec(n);
  return m ? `${m[1]}${m[2]}` : undefined;
}

/** The camera roll in a camera-original name (`A001` in `A001C003_…`). */
export function conformCameraRoll(name: string): string | undefined {
  return conformCameraClipId(name)?.slice(0, 4);
}

/**
 * The keys a reel or tape name matches by: the name itself, its first 8 characters (CMX 3600
 * reels are 8 characters, so `A001C003` stands for `A001C003_200101_R1AB`) and the camera clip id.
 */
export function conformReelKeys(reel: string): string[] {
  const n = reel.trim().toUpperCase();
  if (!n) return [];
  const keys = new Set<string>([n]);
  const noExt = conformNameKey(n);
  if (noExt) keys.add(noExt);
  if (n.length > 8) keys.add(n.slice(0, 8));
  const cam = conformCameraClipId(n);
  if (cam) keys.add(cam);
  return [...keys];
}

const VERSION = /^(.*?)[_.-]?v(\d{2,4})$/i;

/**
 * A VFX name split into its shot and version: `SH010_comp_v011` gives shot `SH010_COMP`,
 * version 11. Undefined when the name carries no `v` + digits at its end (extension aside).
 */
export function conformVfxVersion(name: string): { shot: string; version: number } | undefined {
  const m = VERSION.exec(conformNameKey(name));
  if (!m || !m[1]) return undefined;
  return { shot: m[1], version: Number(m[2]) };
}
