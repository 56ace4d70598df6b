import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeResolveSpecFromTimeline } from '@picturelock/host-bridge';
import { storedZip } from '@picturelock/premiere';
import { referenceCut } from '../hosts/contract.ts';
import { cepDebugProblems, cepManifestFacts, resolveManifestFacts, uxpManifestProblems, uxpPanelIds, type UxpManifest } from './manifests.ts';

/**
 * `npm run build`'s script, run once into a temporary folder: the three host builds and the
 * .ccx, checked against each host's manifest rules and loaded the way each host loads them
 * (UXP's `require`, a CEP page, Resolve's Electron page), without the hosts.
 */

const repo = fileURLToPath(new URL('../../', import.meta.url));
let out = '';

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'picturelock-build-'));
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'extensions', 'build.ts'), '--out', out], { cwd: repo, encoding: 'utf8', timeout: 110_000 });
  if (r.status !== 0) throw new Error(`build failed (${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
}, 120_000);

const read = (rel: string) => readFileSync(join(out, rel), 'utf8');
const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));

/** The zip as Python's zipfile reads it (an independent reader; testzip checks every CRC): entry names in order with the SHA-256 of each. */
function pythonZip(path: string): { bad: string | null; files: Record<string, string> } {
  const code = 'import zipfile,sys,json,hashlib\nz=zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({"bad": z.testzip(), "files": {n: hashlib.sha256(z.read(n)).hexdigest() for n in z.namelist()}}))';
  const r = spawnSync('python3', ['-c', code, path], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as { bad: string | null; files: Record<string, string> };
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('the store-only zip writer', () => {
  it('writes entries Python reads back byte for byte, UTF-8 names and an empty file included', () => {
    const entries = [
      { path: 'manifest.json', data: new TextEncoder().encode('{"id":"x"}') },
      { path: 'icons/東京 night.txt', data: new TextEncoder().encode('dark\n') },
      { path: 'empty', data: new Uint8Array(0) },
      { path: 'bin', data: Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff) },
    ];
    const file = join(mkdtempSync(join(tmpdir(), 'picturelock-zip-')), 'x.zip');
    writeFileSync(file, storedZip(entries));
    const z = pythonZip(file);
    expect(z.bad).toBeNull();
    expect(z.files).toEqual(Object.fromEntries(entries.map((e) => [e.path, sha256(e.data)])));
  });

  it('refuses paths a zip must not hold', () => {
    expect(() => storedZip([{ path: '/abs', data: new Uint8Array(0) }])).toThrow('bad zip entry path "/abs"');
    expect(() => storedZip([{ path: 'a\\b', data: new Uint8Array(0) }])).toThrow('bad zip entry path "a\\b"');
  });
});

describe('dist/uxp and dist/picturelock.ccx', () => {
  it('holds the manifest, the page and the bundle, and the page loads the bundle', () => {
    const manifest = JSON.parse(read('uxp/manifest.json')) as UxpManifest;
    expect(uxpManifestProblems(manifest)).toEqual([]);
    expect(existsSync(join(out, 'uxp', String(manifest.main)))).toBe(true);
    expect(read('uxp/index.html')).toContain('<script src="main.js"></script>');
    expect(read('uxp/index.html')).toContain('<div id="picturelock-root"></div>');
  });

  it('calls entrypoints.setup with exactly the manifest\'s panel ids, and requires only UXP modules', () => {
    const manifest = JSON.parse(read('uxp/manifest.json')) as UxpManifest;
    const setups: { panels?: Record<string, unknown> }[] = [];
    const required: string[] = [];
    const uxpRequire = (id: string): unknown => {
      required.push(id);
      if (id === 'uxp') return { entrypoints: { setup: (d: { panels?: Record<string, unknown> }) => setups.push(d) }, host: { name: 'premierepro', version: '25.6.0' } };
      if (id === 'premierepro' || id === 'fs' || id === 'os') return {};
      throw new Error(`UXP has no module ${id}`);
    };
    runInNewContext(read('uxp/main.js'), { require: uxpRequire, console });
    expect(setups).toHaveLength(1);
    expect(Object.keys(setups[0]!.panels ?? {})).toEqual(uxpPanelIds(manifest));
    expect([...new Set(required)].sort()).toEqual(['fs', 'premierepro', 'uxp']);
  });

  it('packs the plugin folder as a valid zip whose files are dist/uxp\'s, manifest.json first', () => {
    const z = pythonZip(join(out, 'picturelock.ccx'));
    expect(z.bad).toBeNull();
    const names = Object.keys(z.files);
    expect(names[0]).toBe('manifest.json');
    const onDisk = Object.fromEntries(filesUnder(join(out, 'uxp')).map((f) => [relative(join(out, 'uxp'), f).split(sep).join('/'), sha256(readFileSync(f))]));
    expect(z.files).toEqual(onDisk);
  });
});

describe('dist/cep', () => {
  it('has a manifest whose MainPath and ScriptPath exist, the host script unchanged, and a .debug', () => {
    const { facts, problems } = cepManifestFacts(read('cep/CSXS/manifest.xml'));
    expect(problems).toEqual([]);
    expect(existsSync(join(out, 'cep', facts!.mainPath))).toBe(true);
    expect(existsSync(join(out, 'cep', facts!.scriptPath!))).toBe(true);
    expect(read('cep/jsx/picturelock.jsx')).toBe(readFileSync(join(repo, 'host-bridge/premiere-cep/jsx/picturelock.jsx'), 'utf8'));
    expect(cepDebugProblems(read('cep/.debug'), facts!.extensionIds[0]!)).toEqual([]);
    expect(read('cep/index.html')).toContain('<script src="main.js"></script>');
  });

  it('opened outside Premiere, says where to open it instead of showing an empty panel', () => {
    const root = { textContent: '' };
    const document = { getElementById: (id: string) => (id === 'picturelock-root' ? root : null) };
    runInNewContext(read('cep/main.js'), { window: {}, document, console });
    expect(root.textContent).toBe("This is Picturelock's Premiere Pro panel: open it in Premiere from Window > Extensions > Picturelock.");
  });
});

describe('dist/resolve and dist/resolve-scripts', () => {
  const plugin = 'resolve/com.picturelock.resolve';

  it('is a Workflow Integration plugin folder: manifest, Electron main, preload, page, package.json', () => {
    const { facts, problems } = resolveManifestFacts(read(`${plugin}/manifest.xml`));
    expect(problems).toEqual([]);
    expect(facts!.id).toBe('com.picturelock.resolve');
    expect(existsSync(join(out, plugin, facts!.filePath))).toBe(true);
    const pkg = JSON.parse(read(`${plugin}/package.json`)) as { name: string; main: string; version: string };
    expect(pkg).toEqual({ name: 'com.picturelock.resolve', version: facts!.version, main: facts!.filePath, private: true });
    expect(read(`${plugin}/main.js`)).toContain("preload: path.join(__dirname, 'preload.js')");
    expect(read(`${plugin}/index.html`)).toContain('<script src="panel.js"></script>');
  });

  it('opened outside Resolve, says where to open it', () => {
    const root = { textContent: '' };
    const document = { getElementById: (id: string) => (id === 'picturelock-root' ? root : null) };
    runInNewContext(read(`${plugin}/panel.js`), { window: {}, document, console });
    expect(root.textContent).toBe("This is Picturelock's DaVinci Resolve plugin: open it in Resolve Studio from Workspace > Workflow Integrations > Picturelock.");
  });

  it('puts the bridge and its menu check in Utility; the check reads the current timeline through the bridge', () => {
    const utility = join(out, 'resolve-scripts', 'Utility');
    expect(readFileSync(join(utility, 'picturelock_bridge.py'), 'utf8')).toBe(readFileSync(join(repo, 'extensions/resolve/bridge/picturelock_bridge.py'), 'utf8'));
    const spec = join(mkdtempSync(join(tmpdir(), 'picturelock-menu-')), 'spec.json');
    writeFileSync(spec, JSON.stringify(fakeResolveSpecFromTimeline(referenceCut())));
    // As Resolve runs a menu script: `resolve` predefined in the script's globals.
    const code = 'import runpy,sys,DaVinciResolveScript as d\nrunpy.run_path(sys.argv[1], init_globals={"resolve": d.scriptapp("Resolve")})';
    const r = spawnSync('python3', ['-c', code, join(utility, 'Picturelock Bridge Check.py')], {
      encoding: 'utf8',
      env: { ...process.env, PYTHONPATH: join(repo, 'test/hosts/fake_resolve'), PICTURELOCK_FAKE_RESOLVE_SPEC: spec },
    });
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^\[Picturelock\] Resolve .+, reached through the Picturelock bridge \(protocol 1\)$/);
    expect(lines.slice(2)).toEqual([
      '[Picturelock] Timeline: PL_CONTRACT_REF_v1 at 29.97 fps, start frame 107892 (timecode 01:00:00;00)',
      '[Picturelock] Tracks: 2 video, 2 audio',
    ]);
  });
});
