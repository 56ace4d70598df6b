import { expect, it } from 'vitest';
import { probeMedia } from '@picturelock/host-bridge';
import type { MediaInfo } from '@picturelock/core';
import { describeFixtures, fixturePath } from '@picturelock/test';

async function probe(rel: string): Promise<MediaInfo> {
  const r = await probeMedia(fixturePath(`media/${rel}`));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

/** Facts from shared/fixtures/media/CATALOG.md (ffprobe and MediaInfo observations), as exact values. */
describeFixtures('probeMedia on the shared media fixtures', () => {
  it('otio-aaf QuickTime: H.264 1080p24, PCM 44.1 kHz, tmcd 01:00:00:00, 2.083333 s = 50 frames', async () => {
    const m = await probe('otio-aaf/linear_speed_effects_aaf.mov');
    expect([m.container, m.durationFrames, m.durationRate]).toEqual(['mov', 50, { num: 24, den: 1 }]);
    expect(m.video.map((v) => [v.codec, v.width, v.height, v.frameRate, v.scan])).toEqual([['h264', 1920, 1080, { num: 24, den: 1, dropFrame: false }, 'progressive']]);
    expect(m.audio.map((a) => [a.codec, a.channels, a.sampleRate, a.bitDepth])).toEqual([['pcm_s16be', 2, 44100, 16]]);
    expect(m.startTimecode).toEqual({ frames: 86400, text: '01:00:00:00', rate: { num: 24, den: 1, dropFrame: false }, source: 'tmcd' });
  });

  it('bmx D-10 MXF: MPEG-2 720x608 25i top field first, 4 ch PCM, timecode 23:58:30:00, 0.08 s = 2 frames', async () => {
    const m = await probe('bmx/d10_qt_klv/sample.mxf');
    expect([m.container, m.durationFrames]).toEqual(['mxf', 2]);
    expect(m.video.map((v) => [v.codec, v.width, v.height, v.frameRate, v.scan, v.fieldOrder, v.chroma])).toEqual([
      ['mpeg2video', 720, 608, { num: 25, den: 1, dropFrame: false }, 'interlaced', 'tff', '4:2:2'],
    ]);
    expect(m.audio.map((a) => [a.codec, a.channels, a.sampleRate, a.bitDepth])).toEqual([['pcm_s24le', 4, 48000, 24]]);
    // (23*3600 + 58*60 + 30) s * 25 frames.
    expect(m.startTimecode).toEqual({ frames: 2157750, text: '23:58:30:00', rate: { num: 25, den: 1, dropFrame: false }, source: 'format-tag' });
  });

  it('regxmllib JPEG 2000 MXF: 1920x1080 at exactly 24000/1001, one frame, 4:2:2 10-bit', async () => {
    const m = await probe('regxmllib/mxf-files/video1.mxf');
    expect(m.video.map((v) => [v.codec, v.width, v.height, v.frameRate, v.scan, v.chroma, v.bitDepth, v.durationFrames])).toEqual([
      ['jpeg2000', 1920, 1080, { num: 24000, den: 1001, dropFrame: false }, 'progressive', '4:2:2', 10, 1],
    ]);
    expect(m.startTimecodeText).toBe('00:00:00:00');
  });

  it('regxmllib 5.1 audio MXF: 6 ch 24-bit, 1.377938 s = 66141 samples, timecode text without a rate to count it', async () => {
    const m = await probe('regxmllib/mxf-files/escape-chars.mxf');
    expect(m.video).toEqual([]);
    expect(m.audio.map((a) => [a.codec, a.channels, a.sampleRate, a.bitDepth, a.durationSamples])).toEqual([['pcm_s24le', 6, 48000, 24, 66141]]);
    expect([m.durationFrames, m.durationRate]).toEqual([66141, { num: 48000, den: 1 }]);
    expect(m.startTimecode).toBeUndefined();
    expect(m.startTimecodeText).toBe('00:00:00:00');
  });

  it('caption-inspector MPEG-TS: H.264 256x192 at 24000/1001 with AAC', async () => {
    const m = await probe('caption-inspector/BigBuckBunny_256x144-24fps.ts');
    expect(m.container).toBe('mpegts');
    expect(m.video.map((v) => [v.codec, v.width, v.height, v.frameRate])).toEqual([['h264', 256, 192, { num: 24000, den: 1001, dropFrame: false }]]);
    expect(m.audio.map((a) => a.codec)).toEqual(['aac']);
  });

  it('Sound Devices BWF: 2 ch 24-bit, 240239 sample frames', async () => {
    const m = await probe('wavinfo/sounddevices/A101_1.WAV');
    expect([m.container, m.durationFrames]).toEqual(['wav', 240239]);
    expect(m.audio.map((a) => [a.channels, a.sampleRate, a.bitDepth, a.durationSamples])).toEqual([[2, 48000, 24, 240239]]);
  });

  it('files ffprobe cannot open are errors that say so', async () => {
    for (const rel of ['regxmllib/mxf-files/audio2.mxf', 'regxmllib/mxf-files/class14.mxf']) {
      const r = await probeMedia(fixturePath(`media/${rel}`));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toBe(`${fixturePath(`media/${rel}`)}: not readable as media (ffprobe: ${fixturePath(`media/${rel}`)}: Invalid data found when processing input)`);
    }
  });
});
