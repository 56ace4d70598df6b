import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'acorn';
import { describe, expect, it } from 'vitest';
import { clip, frameRate, range, readFcp7Xml, timeline, track, type Timeline } from '@picturelock/core';
import { createFakeCep, createFakePremiereCep, createPremiereCepHost, es3StringLiteral, fakePremiere, PICTURELOCK_JSX_URL, type Host, type HostResult } from '@picturelock/host-bridge';
import { hostContract, normalisedTimeline, referenceCut } from './contract.ts';

hostContract(
  'premiere-cep',
  async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    return { host: fake.host, expected: referenceCut(), controls: fake.controls };
  },
  { maxCallsToRead: () => 1 },
);

const JSX = readFileSync(PICTURELOCK_JSX_URL, 'utf8');

function valueOf<T>(r: HostResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${r.error.detail ?? ''}`);
  return r.value;
}

const R2997 = frameRate(30000, 1001, true);

/** One video track of `n` one-second clips, named by `nameOf`, sources at 10:00:00;00 and later. */
function longCut(n: number, nameOf: (i: number) => string = (i) => `clip ${i + 1}`): Timeline {
  const clips = Array.from({ length: n }, (_, i) =>
    clip({
      name: nameOf(i),
      sourceRange: range(1078920 + i * 40, 30, R2997),
      media: { kind: 'external', url: `file:///Volumes/RAID/A${String(i % 50).padStart(3, '0')}.mov`, name: `A${String(i % 50).padStart(3, '0')}.mov`, availableRange: range(1078920, 200000, R2997) },
      reel: `A${String(i % 50).padStart(3, '0')}`,
    }),
  );
  return timeline({ name: 'LONG_CUT', rate: R2997, startFrame: 107892, tracks: [track({ name: 'V1', trackKind: 'video', children: clips })] });
}

describe('picturelock.jsx is ES3', () => {
  it('parses as ECMAScript 3', () => {
    expect(() => parse(JSX, { ecmaVersion: 3 })).not.toThrow();
  });

  it('fails the ES3 parse once someone adds an arrow function', () => {
    const mutated = JSX.replace('function hex4(n) {', 'var twice = (x) => x * 2;\n  function hex4(n) {');
    expect(mutated).not.toBe(JSX);
    expect(() => parse(mutated, { ecmaVersion: 3 })).toThrow(SyntaxError);
  });

  it('fails the ES3 parse for let, const and trailing commas in objects', () => {
    for (const bad of ['let a = 1;', 'const b = 2;', 'var c = { a: 1, };', 'var d = `t`;']) {
      expect(() => parse(JSX.replace("var TAPE_NS =", `${bad}\n  var TAPE_NS =`), { ecmaVersion: 3 }), bad).toThrow(SyntaxError);
    }
  });

  it('runs in an engine without JSON, Array extras or Object.keys, where a script using them fails', async () => {
    const cep = createFakeCep(fakePremiere([referenceCut()]));
    expect(cep.run('typeof JSON')).toBe('undefined');
    expect(cep.run('typeof [].forEach + typeof [].indexOf + typeof Object.keys + typeof "".trim')).toBe('undefinedundefinedundefinedundefined');
    const answer = await new Promise<string>((resolve) => cep.evalScript('JSON.stringify({a: 1})', resolve));
    expect(answer).toBe('EvalScript error.');
  });
});

describe('premiere-cep: data crosses as one escaped JSON literal', () => {
  const HOSTILE = [
    'quote " inside',
    "single ' quote",
    'back\\slash \\" and \\\\',
    'new\nline\r\nand\ttab',
    '"); app.quit(); ("',
    "'); app.quit(); ('",
    '東京 夜 3',
    'Ünïcödé — “curly” … ½',
    'עברית עם ניקוד',
    'emoji 🎬 take',
    'line\u2028separator\u2029para',
    '*/ app.quit(); /*',
    '\u0000nul',
  ];

  it('builds every script from one fixed shape with an ASCII-only literal', () => {
    for (const name of HOSTILE) {
      const literal = es3StringLiteral(JSON.stringify({ name }));
      expect(literal).toMatch(/^"(?:[\x20-\x21\x23-\x5b\x5d-\x7e]|\\["\\]|\\u[0-9a-f]{4})*"$/);
      // The literal evaluates back to exactly the JSON text.
      expect(JSON.parse(JSON.parse(literal))).toEqual({ name });
    }
  });

  it('reads hostile clip names back intact and executes none of them', async () => {
    const fake = createFakePremiereCep([longCut(HOSTILE.length, (i) => HOSTILE[i]!)]);
    let quits = 0;
    (fake.app as unknown as { quit: () => void }).quit = () => {
      quits++;
    };
    const read = valueOf(await fake.host.readTimeline());
    const names = read.timeline.tracks[0]!.children.filter((c) => c.kind === 'clip').map((c) => c.name);
    expect(names).toEqual(HOSTILE);
    expect(quits).toBe(0);
  });

  it('writes hostile marker names and notes as data and reads them back', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    let quits = 0;
    (fake.app as unknown as { quit: () => void }).quit = () => {
      quits++;
    };
    const id = valueOf(await fake.host.activeTimeline()).id;
    const specs = HOSTILE.map((name, i) => ({ name, note: HOSTILE[HOSTILE.length - 1 - i]!, color: 'red' as const, frames: { start: i * 10, end: i * 10 + 1 } }));
    expect(valueOf(await fake.host.writeMarkers(id, specs))).toEqual({ written: HOSTILE.length });
    const back = valueOf(await fake.host.readMarkers(id));
    expect(back.map((m) => [m.name, m.note, m.frames.start])).toEqual(specs.map((s) => [s.name, s.note, s.frames.start]));
    expect(quits).toBe(0);
    for (const script of fake.cep.scripts) {
      expect(script).toMatch(/^\(typeof \$ !== 'undefined' && \$\.picturelock && \$\.picturelock\.call\) \? \$\.picturelock\.call\("(?:[^"\\]|\\.)*"\) : '[^']*'$/);
      expect(script).toMatch(/^[\x20-\x7e]*$/);
    }
  });
});

describe('premiere-cep: reading', () => {
  it('reads a 2,000-clip sequence in exactly one evalScript call, to the frame', async () => {
    const fake = createFakePremiereCep([longCut(2000)]);
    const before = fake.cep.calls();
    const read = valueOf(await fake.host.readTimeline());
    expect(fake.cep.calls() - before).toBe(1);
    const clips = read.timeline.tracks[0]!.children;
    expect(clips).toHaveLength(2000);
    const last = normalisedTimeline(read.timeline).tracks[0]!.items[1999];
    expect(last).toEqual({ clip: 'clip 2000', reel: 'A049', record: [59970, 60000], source: { start: 1078920 + 1999 * 40, duration: 30, rate: '30000/1001' }, speed: '1/1' });
  });

  it('keeps tick strings past 2^53 exact', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    const seq = fake.app.project!.list[0]!;
    const item = (seq.videoTracks[0] as { clips: Record<number, { projectItem: { startTime(): { ticks: string } } }> }).clips[0]!.projectItem;
    const ticks = item.startTime().ticks;
    expect(ticks).toBe(String(1078920n * 8475667200n));
    expect(BigInt(ticks) > 2n ** 53n).toBe(true);
    const read = valueOf(await fake.host.readTimeline());
    const first = read.timeline.tracks[0]!.children[0]!;
    expect(first.kind === 'clip' && first.sourceRange.start.value).toBe(1079020);
  });

  it('hands back the media each clip uses with its tape name from the XMP', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    const read = valueOf(await fake.host.readTimeline());
    const reels = read.media.map((m) => `${m.fileName}:${m.reel}`);
    expect(reels).toContain('A001C001.mov:A001C001');
    expect(reels).toContain('VFX_010_comp_v003.mov:VFX010');
  });

  it('reports a script that throws outside its guard (EvalScript error.) as HOST_CALL_FAILED', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    fake.cep.run('$.picturelock.call = function () { throw new Error("boom"); };');
    const r = await fake.host.readTimeline();
    expect(r.ok ? 'ok' : [r.error.code, r.error.detail]).toEqual(['HOST_CALL_FAILED', 'readSequence: EvalScript error.']);
  });

  it('reports a DOM call that throws inside the script as HOST_CALL_FAILED with the host words', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    fake.app.project!.list[0]!.getSettings = () => {
      throw new Error('Sequence is busy');
    };
    const r = await fake.host.readTimeline();
    expect(r.ok ? 'ok' : [r.error.code, r.error.message]).toEqual(['HOST_CALL_FAILED', 'Sequence is busy']);
  });

  it('says HOST_NOT_READY before the host script is loaded, NO_ACTIVE_TIMELINE with no sequence open', async () => {
    const notLoaded = createFakePremiereCep([referenceCut()], { cep: { noScript: true } });
    const r1 = await notLoaded.host.readTimeline();
    expect(r1.ok ? 'ok' : r1.error.code).toBe('HOST_NOT_READY');
    const noSeq = createFakePremiereCep([referenceCut()]);
    noSeq.app.project!.activeSequence = 0;
    const r2 = await noSeq.host.readTimeline();
    expect(r2.ok ? 'ok' : r2.error.code).toBe('NO_ACTIVE_TIMELINE');
  });

  it('times out when a modal dialog holds Premiere', async () => {
    const fake = createFakePremiereCep([referenceCut()], { adapter: { callTimeoutMs: 20 } });
    fake.cep.hang = true;
    const r = await fake.host.readTimeline();
    expect(r.ok ? 'ok' : r.error.code).toBe('TIMEOUT');
  });

  it('moves the playhead by exact ticks', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    const id = valueOf(await fake.host.activeTimeline()).id;
    valueOf(await fake.host.setPlayhead(id, 135));
    expect(fake.app.project!.list[0]!.getPlayerPosition().ticks).toBe(String(135n * 8475667200n));
  });

  it('exports FCP7 XML through the host', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    const dir = mkdtempSync(join(tmpdir(), 'pl-cep-'));
    const id = valueOf(await fake.host.activeTimeline()).id;
    const path = join(dir, 'out.xml');
    expect(valueOf(await fake.host.exportTimeline(id, 'fcp7xml', path))).toEqual({ path });
    const back = readFcp7Xml(readFileSync(path, 'utf8')).value![0]!;
    expect(normalisedTimeline(back)).toEqual(normalisedTimeline(referenceCut()));
    const edl = await fake.host.exportTimeline(id, 'edl', join(dir, 'out.edl'));
    expect(edl.ok ? 'ok' : edl.error.code).toBe('NOT_SUPPORTED');
  });
});

describe('premiere-cep: Media Encoder', () => {
  async function queued(fake: ReturnType<typeof createFakePremiereCep>, host: Host = fake.host) {
    const id = valueOf(await host.activeTimeline()).id;
    const preset = valueOf(await host.listRenderPresets())[0]!;
    return valueOf(await host.queueRenderJobs([{ jobId: 'J1', timelineId: id, presetId: preset.id, outputFolder: '/Renders', outputName: 'SC42_v1', frames: { start: 30, end: 90 } }]));
  }

  it('queues a range as in/out ticks and puts the editor\'s in/out back', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    const seq = fake.app.project!.list[0]!;
    const status = await queued(fake);
    expect(status).toEqual([{ jobId: 'J1', hostJobId: '1001', state: 'queued', percent: 0 }]);
    const job = fake.app.encoder!.queue[0]!;
    expect([job.outputPath, job.workArea, job.inTicks, job.outTicks]).toEqual(['/Renders/SC42_v1.mov', 1, String(30n * 8475667200n), String(90n * 8475667200n)]);
    expect(seq.pointHistory).toEqual([`in ${30n * 8475667200n}`, `out ${90n * 8475667200n}`, 'in 0', `out ${320n * 8475667200n}`]);
  });

  it('will not start a queue that holds someone else\'s waiting job, and ignores that job\'s events', async () => {
    const fake = createFakePremiereCep([referenceCut()]);
    await queued(fake);
    fake.app.encoder!.addOtherJob('/Users/ed/Desktop/other.mp4');
    await fake.cep.flushEvents();
    const busy = await fake.host.startRender(['J1']);
    expect(busy.ok ? 'ok' : busy.error.code).toBe('RENDER_QUEUE_BUSY');
    expect(fake.app.encoder!.batchStarted).toBe(false);
    // The editor starts AME; the other job and ours finish.
    fake.app.encoder!.startBatch();
    await fake.controls.completeRenderJobs();
    expect(valueOf(await fake.host.pollRenderJobs(['J1']))).toEqual([{ jobId: 'J1', hostJobId: '1001', state: 'completed', percent: 100, outputPath: '/Renders/SC42_v1.mov' }]);
  });

  it('reports a job whose events never arrive as failed once it has been silent too long', async () => {
    let clock = 1_000_000;
    const fake = createFakePremiereCep([referenceCut()], { adapter: { now: () => clock, encoderSilenceMs: 60_000 } });
    await queued(fake);
    fake.app.encoder!.queue[0]!.silent = true;
    valueOf(await fake.host.startRender(['J1']));
    await fake.controls.completeRenderJobs();
    clock += 59_000;
    expect(valueOf(await fake.host.pollRenderJobs(['J1']))[0]!.state).toBe('queued');
    clock += 2_000;
    const [s] = valueOf(await fake.host.pollRenderJobs(['J1']));
    expect(s!.state).toBe('failed');
    expect(s!.error).toMatch(/^TIMEOUT: Media Encoder sent no word about this job for 60 s/);
  });

  it('says the render queue is missing where app.encoder is (macOS Premiere 14.3.1 to 15.x)', async () => {
    const fake = createFakePremiereCep([referenceCut()], { premiere: { noEncoder: true } });
    expect(valueOf(await fake.host.info()).capabilities.renderQueue).toBe(false);
    const id = valueOf(await fake.host.activeTimeline()).id;
    const r = await fake.host.queueRenderJobs([{ jobId: 'J1', timelineId: id, presetId: '/Presets/H.264 Review.epr', outputFolder: '/R', outputName: 'x' }]);
    expect(r.ok ? 'ok' : r.error.code).toBe('NOT_SUPPORTED');
  });

  it('accepts encoder events whose data arrives as a string (CEP older than 6.1)', async () => {
    const app = fakePremiere([referenceCut()]);
    const cep = createFakeCep(app);
    const host = createPremiereCepHost({
      presets: [{ id: 'p', name: 'p', path: '/Presets/ProRes 422 HQ.epr' }],
      bridge: {
        evalScript: (code, cb) => cep.evalScript(code, cb),
        addEventListener: (type, listener) => cep.addEventListener(type, (e) => listener({ type: e.type, data: JSON.stringify(e.data) })),
      },
    });
    const id = valueOf(await host.activeTimeline()).id;
    valueOf(await host.queueRenderJobs([{ jobId: 'S1', timelineId: id, presetId: 'p', outputFolder: '/R', outputName: 'S1' }]));
    valueOf(await host.startRender(['S1']));
    app.encoder!.runQueue();
    await cep.flushEvents();
    expect(valueOf(await host.pollRenderJobs(['S1']))[0]!.state).toBe('completed');
  });
});
