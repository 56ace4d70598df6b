import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { premierePresetsFromJson } from '@picturelock/premiere';
import { cepDebugProblems, cepManifestFacts, resolveManifestFacts, uxpManifestProblems, uxpPanelIds, type UxpManifest } from './manifests.ts';

/** The source manifests of the three host packages, against each host's required fields. */

const src = (rel: string) => readFileSync(fileURLToPath(new URL(`../../extensions/${rel}`, import.meta.url)), 'utf8');
const uxp = JSON.parse(src('premiere/uxp/manifest.json')) as UxpManifest & { host: { minVersion: string }; requiredPermissions: Record<string, unknown> };

describe('Premiere UXP manifest.json', () => {
  it('has every field Premiere requires, for premierepro 25.6.0 and one panel', () => {
    expect(uxpManifestProblems(uxp)).toEqual([]);
    expect(uxp.host).toEqual({ app: 'premierepro', minVersion: '25.6.0' });
    expect(uxpPanelIds(uxp)).toEqual(['picturelock.panel']);
    expect(uxp.main).toBe('index.html');
  });

  it('carries the package version and asks for file access outside the sandbox (existing-file checks)', () => {
    const pkg = JSON.parse(src('premiere/package.json')) as { version: string };
    expect(uxp.version).toBe(pkg.version);
    expect(uxp.requiredPermissions).toEqual({ localFileSystem: 'fullAccess' });
  });

  it('rejects what Premiere rejects', () => {
    expect(uxpManifestProblems({ ...uxp, manifestVersion: 4 })).toEqual(['manifestVersion is 4, Premiere takes 5']);
    expect(uxpManifestProblems({ ...uxp, host: { app: 'premierepro', minVersion: '25.2.0' } })).toEqual([
      'host.minVersion 25.2.0 is below 25.6.0, the first Premiere with UXP',
    ]);
    expect(uxpManifestProblems({ ...uxp, host: [{ app: 'premierepro', minVersion: '25.6.0' }] })).toEqual(['host must be one object']);
    expect(uxpManifestProblems({ ...uxp, version: '1.0' })).toEqual(['version "1.0" is not major.minor.patch']);
    expect(uxpManifestProblems({ ...uxp, entrypoints: [{ type: 'command', id: 'x', label: 'X' }] })).toEqual(['no panel entrypoint']);
  });
});

describe('Premiere CEP CSXS/manifest.xml and .debug', () => {
  const text = src('premiere/cep/CSXS/manifest.xml');

  it('targets PPRO from 14.4 (CEP 10) with the CSXS 10.0 runtime, the panel page and the host script', () => {
    const { facts, problems } = cepManifestFacts(text);
    expect(problems).toEqual([]);
    expect(facts).toEqual({
      bundleId: 'com.picturelock.cep',
      extensionIds: ['com.picturelock.cep.panel'],
      hostVersion: '[14.4,99.9]',
      csxs: '10.0',
      mainPath: './index.html',
      scriptPath: './jsx/picturelock.jsx',
    });
  });

  it('turns Node on in the page (exports and presets.json are written and read with fs)', () => {
    expect(text).toContain('<Parameter>--enable-nodejs</Parameter>');
    expect(text).toContain('<Parameter>--mixed-context</Parameter>');
  });

  it('has a .debug for the same extension id on a port CEP accepts', () => {
    expect(cepDebugProblems(src('premiere/cep/.debug'), 'com.picturelock.cep.panel')).toEqual([]);
    expect(cepDebugProblems(src('premiere/cep/.debug'), 'com.other.panel')).toEqual(['.debug names no extension com.other.panel']);
  });

  it('reports a manifest without a PPRO host or a size', () => {
    const broken = text.replace('Name="PPRO"', 'Name="AEFT"').replace(/<Size>[\s\S]*?<\/Size>/, '');
    expect(cepManifestFacts(broken).problems).toEqual(['HostList has no Host Name="PPRO"', 'UI/Geometry/Size needs Height and Width']);
  });
});

describe('Resolve Workflow Integration manifest.xml', () => {
  it('names the plugin with the id preload.js initialises and main.js as its entry', () => {
    const { facts, problems } = resolveManifestFacts(src('resolve/plugin/manifest.xml'));
    expect(problems).toEqual([]);
    expect(facts).toEqual({ id: 'com.picturelock.resolve', name: 'Picturelock', version: '0.1.0', filePath: 'main.js' });
    expect(/const PLUGIN_ID = '([^']+)'/.exec(src('resolve/plugin/preload.js'))?.[1]).toBe(facts!.id);
  });

  it('reports a missing FilePath', () => {
    const broken = src('resolve/plugin/manifest.xml').replace(/<FilePath>.*<\/FilePath>/, '');
    expect(resolveManifestFacts(broken).problems).toEqual(['Plugin/FilePath is missing']);
  });
});

describe('presets.json for the Premiere panels', () => {
  it('reads the .epr files an editor lists, with the path as the preset id', () => {
    const read = premierePresetsFromJson(
      JSON.stringify([
        { name: 'ProRes 422 HQ', path: '/Users/ed/Presets/ProRes HQ.epr', extension: '.MOV' },
        { path: 'C:\\Presets\\H264 Review.epr' },
      ]),
    );
    expect(read.problems).toEqual([]);
    expect(read.presets).toEqual([
      { id: '/Users/ed/Presets/ProRes HQ.epr', name: 'ProRes 422 HQ', path: '/Users/ed/Presets/ProRes HQ.epr', extension: 'mov' },
      { id: 'C:\\Presets\\H264 Review.epr', name: 'H264 Review', path: 'C:\\Presets\\H264 Review.epr' },
    ]);
  });

  it('skips entries it cannot use and says which', () => {
    const read = premierePresetsFromJson(JSON.stringify([{ name: 'No path' }, { path: '/p/a.epr' }, { path: '/p/a.epr' }, { path: '/p/b.txt' }]));
    expect(read.presets.map((p) => p.id)).toEqual(['/p/a.epr']);
    expect(read.problems).toEqual([
      'presets.json entry 1: "path" must be a Media Encoder preset file ending in .epr',
      'presets.json entry 3: /p/a.epr is listed twice',
      'presets.json entry 4: "path" must be a Media Encoder preset file ending in .epr',
    ]);
    expect(premierePresetsFromJson('{').problems[0]).toMatch(/^presets\.json is not JSON: /);
    expect(premierePresetsFromJson('{"name":"x"}').problems).toEqual(['presets.json must hold an array of {name, path, extension?}']);
  });
});
