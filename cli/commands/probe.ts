import type { Command } from 'commander';
import { formatTimecode, type MediaInfo, type Rate } from '@picturelock/core';
import { probeMedia } from '@picturelock/host-bridge';
import { EXIT, type CliIO } from '../io.ts';

function fraction(r: Rate): string {
  return `${r.num}/${r.den}`;
}

/** The facts of one file as a finishing artist reads them. */
export function describeMedia(m: MediaInfo): string {
  const lines: string[] = [m.path];
  const rate = m.video[0]?.frameRate;
  const label = m.durationFrames !== undefined && rate ? formatTimecode(m.durationFrames, rate) : undefined;
  const dur =
    m.durationFrames !== undefined && m.durationRate
      ? `${m.durationFrames} ${rate ? 'frames' : 'samples'} at ${fraction(m.durationRate)}${label?.ok ? ` (${label.value})` : ''}`
      : 'not stated';
  lines.push(`  container  ${m.container} (${m.containerLongName ?? m.containerNames})${m.majorBrand ? `, brand ${m.majorBrand}` : ''}, ${m.sizeBytes} bytes`);
  lines.push(`  duration   ${dur}`);
  for (const v of m.video) {
    const colour = [v.colourPrimaries ?? '-', v.colourTransfer ?? '-', v.colourMatrix ?? '-'].join('/');
    lines.push(
      `  video #${v.index}   ${v.codec}${v.profile ? ` ${v.profile}` : ''}${v.codecTag ? ` (${v.codecTag})` : ''} ${v.width}x${v.height}` +
        `${v.frameRate ? ` @ ${fraction(v.frameRate)}` : ''}${v.scan ? ` ${v.scan}${v.fieldOrder && v.fieldOrder !== 'progressive' ? ` ${v.fieldOrder}` : ''}` : ''}` +
        ` ${v.pixelFormat ?? ''}${v.bitDepth ? ` ${v.bitDepth}-bit` : ''}${v.chroma ? ` ${v.chroma}` : ''} colour ${colour}${v.colourRange ? ` ${v.colourRange}` : ''}` +
        `${v.displayAspectRatio ? ` DAR ${v.displayAspectRatio.num}:${v.displayAspectRatio.den}` : ''}${v.closedCaptions ? ' +CC' : ''}`,
    );
  }
  for (const a of m.audio) {
    lines.push(`  audio #${a.index}   ${a.codec} ${a.channels} ch${a.layout ? ` (${a.layout})` : ''} ${a.sampleRate} Hz${a.bitDepth ? ` ${a.bitDepth}-bit` : ''}${a.language ? ` ${a.language}` : ''}`);
  }
  for (const o of m.otherStreams) lines.push(`  ${o.kind} #${o.index}  ${o.codec}${o.language ? ` ${o.language}` : ''}`);
  const tc = m.startTimecode;
  lines.push(`  timecode   ${tc ? `${tc.text} (frame ${tc.frames} at ${fraction(tc.rate)}${tc.rate.dropFrame ? ' DF' : ''}, from ${tc.source})` : (m.startTimecodeText ?? 'none')}`);
  if (m.reel) lines.push(`  reel       ${m.reel}`);
  return `${lines.join('\n')}\n`;
}

/** `picturelock probe <files...> [--json]`: ffprobe facts normalised to exact values. */
export function registerProbe(program: Command, io: CliIO): void {
  program
    .command('probe')
    .description('media facts from ffprobe as exact values: rates as fractions, timecode, reel, colour tags, channel layouts, duration in frames')
    .argument('<files...>', 'media files')
    .option('--json', 'one JSON array of MediaInfo')
    .action(async (files: string[], opts: { json?: boolean }) => {
      const infos: MediaInfo[] = [];
      let failed = 0;
      for (const f of files) {
        const r = await probeMedia(f);
        if (!r.ok) {
          io.err(`picturelock: ${r.error}\n`);
          failed++;
          continue;
        }
        infos.push(r.value);
        if (!opts.json) io.out(describeMedia(r.value));
      }
      if (opts.json) io.out(`${JSON.stringify(infos, null, 2)}\n`);
      if (failed > 0) io.exitCode = EXIT.usage;
    });
}
