import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createStandaloneHost, type HostResult } from '@picturelock/host-bridge';
import { hostContract, normalisedTimeline, referenceCut, referenceCutXml } from './contract.ts';

/**
 * The standalone host runs the contract over the reference cut with one real camera file:
 * A001C001 is generated with ffmpeg (200 frames of testsrc2 at 29.97, timecode 10:00:00;00)
 * and the XML points at it; the other media stay offline.
 */
let media: Promise<string> | undefined;
function cameraFile(): Promise<string> {
  media ??= Promise.resolve().then(() => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-standalone-media-'));
    const path = join(dir, 'A001C001.mov');
    execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=64x36:rate=30000/1001', '-frames:v', '200', '-c:v', 'png', '-timecode', '10:00:00;00', path]);
    return path;
  });
  return media;
}

async function project() {
  const camera = await cameraFile();
  const dir = mkdtempSync(join(tmpdir(), 'pl-standalone-'));
  const list = join(dir, 'reference-cut.xml');
  writeFileSync(list, referenceCutXml().replace('file://localhost/Volumes/PL_REF/OCF/A001/A001C001.mov', `file://${camera}`));
  const renders = join(dir, 'renders');
  mkdirSync(renders);
  return { dir, list, renders, camera, host: createStandaloneHost({ files: [list] }) };
}

hostContract('standalone', async () => {
  const p = await project();
  return {
    host: p.host,
    expected: referenceCut(),
    controls: {
      outputFolder: p.renders,
      // A directory where the output would go: the render must fail, and nothing is overwritten.
      failRenderJob: (jobId: string) => mkdirSync(join(p.renders, `${jobId}.mkv`)),
      completeRenderJobs: () => p.host.whenIdle(),
      // Files and processes: there is no host to call.
      callCount: () => 0,
    },
  };
});

function valueOf<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function frameHashes(path: string, extra: string[] = []): string[] {
  const out = execFileSync('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-i', path, ...extra, '-pix_fmt', 'rgb24', '-f', 'framemd5', '-'], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').pop()!.trim());
}

describe('standalone host', () => {
  it('renders record frames 0 to 30 as source frames 100 to 130 of the camera file, frame-exact', async () => {
    const p = await project();
    const id = valueOf(await p.host.activeTimeline()).id;
    valueOf(await p.host.queueRenderJobs([{ jobId: 'R1', timelineId: id, presetId: 'ffv1-picture', outputFolder: p.renders, outputName: 'A_ROLL', frames: { start: 0, end: 30 } }]));
    valueOf(await p.host.startRender(['R1']));
    await p.host.whenIdle();
    const [s] = valueOf(await p.host.pollRenderJobs(['R1']));
    expect(s).toEqual({ jobId: 'R1', state: 'completed', percent: 100, outputPath: join(p.renders, 'A_ROLL.mkv') });
    const source = frameHashes(p.camera).slice(100, 130);
    expect(frameHashes(s!.outputPath!)).toEqual(source);
  });

  it('refuses ranges it cannot render honestly, saying why', async () => {
    const p = await project();
    const id = valueOf(await p.host.activeTimeline()).id;
    const ask = async (start: number, end: number) => {
      const r = await p.host.queueRenderJobs([{ jobId: `X${start}`, timelineId: id, presetId: 'ffv1-picture', outputFolder: p.renders, outputName: 'x', frames: { start, end } }]);
      return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
    };
    expect(await ask(100, 110)).toBe('NOT_SUPPORTED: Render job X100 cannot be rendered honestly here: a dissolve on a video track covers frames 105 to 135; ffmpeg here renders cuts only.');
    expect(await ask(30, 60)).toMatch(/^NOT_SUPPORTED: Render job X30 cannot be rendered honestly here: VFX_010_comp_v003: \/Volumes\/PL_REF\/VFX\/VFX_010_comp_v003\.mov is offline\.$/);
    expect(await ask(200, 260)).toMatch(/Slow 50 plays at 1\/2 speed; only normal speed is rendered here\.$/);
  });

  it('keeps markers in a sidecar beside the list and adds to it', async () => {
    const p = await project();
    const id = valueOf(await p.host.activeTimeline()).id;
    valueOf(await p.host.writeMarkers(id, [{ name: 'one', color: 'red', frames: { start: 3, end: 4 } }]));
    valueOf(await p.host.writeMarkers(id, [{ name: 'two', note: 'n', color: 'blue', frames: { start: 9, end: 19 } }]));
    const sidecar = JSON.parse(readFileSync(`${p.list}.markers.json`, 'utf8'));
    expect(sidecar).toEqual({
      schema: 'HostMarkers.1',
      timeline: p.list,
      markers: [
        { id: 'm1', name: 'one', color: 'red', frames: { start: 3, end: 4 } },
        { id: 'm2', name: 'two', note: 'n', color: 'blue', frames: { start: 9, end: 19 } },
      ],
    });
  });

  it('exports through core writers and never overwrites', async () => {
    const p = await project();
    const id = valueOf(await p.host.activeTimeline()).id;
    const out = join(p.dir, 'cut.otio');
    valueOf(await p.host.exportTimeline(id, 'otio', out));
    expect(existsSync(out)).toBe(true);
    const again = await p.host.exportTimeline(id, 'otio', out);
    expect(again.ok ? 'ok' : again.error.code).toBe('EXPORT_FAILED');
  });

  it('reads the media facts of the files that are there with ffprobe', async () => {
    const p = await project();
    const read = valueOf(await p.host.readTimeline());
    expect(normalisedTimeline(read.timeline)).toEqual(normalisedTimeline(referenceCut()));
    expect(read.media.map((m) => [m.fileName, m.width, m.height, m.availableRange?.start.value, m.availableRange?.duration.value])).toEqual([['A001C001.mov', 64, 36, 1078920, 200]]);
  });
});
