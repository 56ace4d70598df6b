import { isDropFrameCapable, type Rate } from '../../time/index.ts';
import type { MarkerColor } from '../../timeline/index.ts';

/**
 * Shared facts of the xmeml dialect (FCP7 XML v4/v5 as Final Cut Pro 7, Premiere Pro and
 * Resolve write it).
 *
 * Rates: `<rate><timebase>N</timebase><ntsc>TRUE|FALSE</ntsc></rate>`. `ntsc TRUE` means
 * N*1000/1001 (timebase 24 -> 24000/1001, 30 -> 30000/1001, 60 -> 60000/1001). Drop-frame is
 * not part of the rate: it is the `<displayformat>DF</displayformat>` of a `<timecode>`.
 */

export function xmemlRate(timebase: number, ntsc: boolean): Rate {
  return ntsc ? reduced(timebase * 1000, 1001) : { num: timebase, den: 1 };
}

/** The timebase and ntsc flag that spell an exact rate, when xmeml can spell it. */
export function xmemlTimebase(r: Rate): { timebase: number; ntsc: boolean } | undefined {
  if (r.den === 1) return { timebase: r.num, ntsc: false };
  if (r.den === 1001 && r.num % 1000 === 0) return { timebase: r.num / 1000, ntsc: true };
  return undefined;
}

export function reduced(num: number, den: number): Rate {
  let a = Math.abs(num);
  let b = Math.abs(den);
  while (b) [a, b] = [b, a % b];
  const g = a || 1;
  return { num: num / g, den: den / g };
}

export function dfCapable(r: Rate): boolean {
  return isDropFrameCapable(r);
}

/**
 * Premiere's marker colours: `<pproColor>` holds 0xAABBGGRR as a decimal; green is Premiere's
 * default and is written without the tag. The values are Premiere's own for red; the others are
 * representative RGBs that Premiere snaps to the same palette entry on import.
 */
const MARKER_RGB: Readonly<Record<MarkerColor, readonly [number, number, number]>> = {
  red: [0xd2, 0x2c, 0x36],
  pink: [0xe8, 0x7d, 0xb5],
  orange: [0xe8, 0x8a, 0x2e],
  yellow: [0xe0, 0xd0, 0x30],
  green: [0x5f, 0xb5, 0x3c],
  cyan: [0x30, 0xc8, 0xd0],
  blue: [0x3d, 0x6b, 0xd6],
  purple: [0x9b, 0x4d, 0xc8],
  magenta: [0xd0, 0x30, 0xc0],
  black: [0x10, 0x10, 0x10],
  white: [0xf0, 0xf0, 0xf0],
};

export const XMEML_DEFAULT_MARKER_COLOR: MarkerColor = 'green';

export function markerColorFromRgb(r: number, g: number, b: number): MarkerColor {
  let best: MarkerColor = XMEML_DEFAULT_MARKER_COLOR;
  let bestD = Infinity;
  for (const [name, [cr, cg, cb]] of Object.entries(MARKER_RGB) as [MarkerColor, readonly [number, number, number]][]) {
    const d = (cr - r) ** 2 + (cg - g) ** 2 + (cb - b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = name;
    }
  }
  return best;
}

/** `<pproColor>` (0xAABBGGRR as decimal) to the nearest marker colour. */
export function markerColorFromPpro(value: number): MarkerColor {
  return markerColorFromRgb(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff);
}

export function pproColorOf(color: MarkerColor): number {
  const [r, g, b] = MARKER_RGB[color];
  return (0xff * 0x1000000 + b * 0x10000 + g * 0x100 + r) >>> 0;
}

/** `file://localhost/D%3a/media/x.mov` -> `D:/media/x.mov`; `file://localhost/Volumes/A%20B/x` -> `/Volumes/A B/x`. */
export function pathFromFileUrl(url: string): string | undefined {
  const m = /^file:\/\/(localhost)?(\/.*)$/i.exec(url);
  if (!m) return undefined;
  let path: string;
  try {
    path = decodeURIComponent(m[2]!);
  } catch {
    return undefined;
  }
  // A Windows drive after the leading slash: `/D:/media` -> `D:/media`.
  return /^\/[A-Za-z]:\//.test(path) ? path.slice(1) : path;
}

/** A path back to the URL form Premiere writes (`file://localhost/` + percent-encoded path, drive colon as %3a). */
export function fileUrlFromPath(path: string): string {
  const p = path.replace(/\\/g, '/');
  const withSlash = p.startsWith('/') ? p : `/${p}`;
  const encoded = withSlash
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/')
    .replace(/^\/([A-Za-z])%3A\//, '/$1%3a/');
  return `file://localhost${encoded}`;
}
