import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type InlineConfig } from 'vite';
import { storedZip, type ZipEntry } from './premiere/scripts/zip.ts';

/**
 * `npm run build`: the three host builds of the panel and the Premiere UXP package.
 *
 *   dist/uxp/              Premiere UXP plugin folder (manifest.json, index.html, main.js)
 *   dist/picturelock.ccx   that folder zipped: what Creative Cloud / UPIA installs
 *   dist/cep/              Premiere CEP extension (CSXS/manifest.xml, .debug, index.html,
 *                          main.js, jsx/picturelock.jsx copied as is: it is ES3 already)
 *   dist/resolve/com.picturelock.resolve/   Resolve Workflow Integration plugin folder
 *   dist/resolve-scripts/Utility/           the Python bridge for Resolve's Scripts menu
 *
 * Each Vite build bundles one entry with React, the panel and core into one file. Only the
 * outputs above are replaced; anything else in the out folder is left alone.
 */

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..');

export const RESOLVE_PLUGIN_FOLDER = 'com.picturelock.resolve';

export interface BuildOptions {
  /** Folder the builds go to (default `dist` at the repository root). */
  readonly outDir?: string;
  readonly log?: (line: string) => void;
}

export interface BuildResult {
  readonly uxp: string;
  readonly cep: string;
  readonly resolve: string;
  readonly resolveScripts: string;
  readonly ccx: string;
}

/** The page each host loads: one root element, the bundle, and the stylesheet when the build emitted one. */
function pageHtml(title: string, script: string, outFolder: string, background: string): string {
  const css = readdirSync(outFolder).filter((f) => f.endsWith('.css'));
  return [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${title}</title>`,
    ...css.map((f) => `<link rel="stylesheet" href="${f}">`),
    '</head>',
    `<body style="margin:0;padding:0;background-color:${background}">`,
    '<div id="picturelock-root"></div>',
    `<script src="${script}"></script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

interface BundleSpec {
  readonly entry: string;
  readonly outFolder: string;
  readonly fileName: string;
  /** `cjs` where the host resolves `require` (UXP); `iife` for plain pages (CEP, Electron renderer). */
  readonly format: 'cjs' | 'iife';
  readonly target: string;
  readonly external?: readonly string[];
}

async function bundle(spec: BundleSpec): Promise<void> {
  const config: InlineConfig = {
    configFile: false,
    envDir: false,
    root: repo,
    publicDir: false,
    logLevel: 'warn',
    mode: 'production',
    // React picks its production build by this; nothing else replaces it in a library build.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    oxc: { jsx: { runtime: 'automatic' } },
    build: {
      outDir: spec.outFolder,
      emptyOutDir: false,
      target: spec.target,
      minify: true,
      sourcemap: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      lib: {
        entry: spec.entry,
        formats: [spec.format],
        name: 'Picturelock',
        fileName: () => spec.fileName,
        cssFileName: 'panel',
      },
      rolldownOptions: { external: [...(spec.external ?? [])] },
    },
  };
  await build(config);
}

function filesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder).sort()) {
    const full = join(folder, name);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full));
    else out.push(full);
  }
  return out;
}

export async function buildExtensions(options: BuildOptions = {}): Promise<BuildResult> {
  const out = resolve(options.outDir ?? join(repo, 'dist'));
  const log = options.log ?? (() => {});
  const paths: BuildResult = {
    uxp: join(out, 'uxp'),
    cep: join(out, 'cep'),
    resolve: join(out, 'resolve'),
    resolveScripts: join(out, 'resolve-scripts'),
    ccx: join(out, 'picturelock.ccx'),
  };
  for (const p of Object.values(paths)) rmSync(p, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });

  // Premiere UXP: `require` is UXP's; premierepro, uxp, fs and os exist only there (premiere-uxp.md §2).
  const premiere = join(here, 'premiere');
  await bundle({
    entry: join(premiere, 'uxp', 'main.tsx'),
    outFolder: paths.uxp,
    fileName: 'main.js',
    format: 'cjs',
    // UXP 8.1 (Premiere 25.6) runs on V8; ES2020 is what its docs' samples compile to.
    target: 'es2020',
    external: ['premierepro', 'uxp', 'fs', 'os'],
  });
  cpSync(join(premiere, 'uxp', 'manifest.json'), join(paths.uxp, 'manifest.json'));
  writeFileSync(join(paths.uxp, 'index.html'), pageHtml('Picturelock', 'main.js', paths.uxp, '#232323'));
  log(`uxp      ${relative(process.cwd(), paths.uxp)}`);

  // The .ccx: the plugin folder's files at the zip's root, manifest.json first.
  const entries: ZipEntry[] = filesUnder(paths.uxp)
    .map((f) => ({ path: relative(paths.uxp, f).split(sep).join('/'), data: readFileSync(f) }))
    .sort((a, b) => (a.path === 'manifest.json' ? -1 : b.path === 'manifest.json' ? 1 : a.path < b.path ? -1 : 1));
  writeFileSync(paths.ccx, storedZip(entries));
  log(`ccx      ${relative(process.cwd(), paths.ccx)} (${entries.length} files)`);

  // Premiere CEP: CEP 10's Chromium 74 is the oldest engine the panel meets (cep.md §0).
  await bundle({ entry: join(premiere, 'cep', 'main.tsx'), outFolder: paths.cep, fileName: 'main.js', format: 'iife', target: 'chrome74' });
  cpSync(join(premiere, 'cep', 'CSXS'), join(paths.cep, 'CSXS'), { recursive: true });
  cpSync(join(premiere, 'cep', '.debug'), join(paths.cep, '.debug'));
  mkdirSync(join(paths.cep, 'jsx'), { recursive: true });
  cpSync(join(repo, 'host-bridge', 'premiere-cep', 'jsx', 'picturelock.jsx'), join(paths.cep, 'jsx', 'picturelock.jsx'));
  writeFileSync(join(paths.cep, 'index.html'), pageHtml('Picturelock', 'main.js', paths.cep, '#232323'));
  log(`cep      ${relative(process.cwd(), paths.cep)}`);

  // Resolve: the renderer page is a plain page (no Node); preload.js holds the native module.
  const resolveSrc = join(here, 'resolve');
  const plugin = join(paths.resolve, RESOLVE_PLUGIN_FOLDER);
  await bundle({ entry: join(resolveSrc, 'plugin', 'panel.tsx'), outFolder: plugin, fileName: 'panel.js', format: 'iife', target: 'es2020' });
  for (const f of ['manifest.xml', 'main.js', 'preload.js']) cpSync(join(resolveSrc, 'plugin', f), join(plugin, f));
  const version = (JSON.parse(readFileSync(join(resolveSrc, 'package.json'), 'utf8')) as { version: string }).version;
  writeFileSync(join(plugin, 'package.json'), `${JSON.stringify({ name: RESOLVE_PLUGIN_FOLDER, version, main: 'main.js', private: true }, null, 2)}\n`);
  writeFileSync(join(plugin, 'index.html'), pageHtml('Picturelock', 'panel.js', plugin, '#1f1f1f'));
  log(`resolve  ${relative(process.cwd(), plugin)}`);

  const utility = join(paths.resolveScripts, 'Utility');
  mkdirSync(utility, { recursive: true });
  cpSync(join(resolveSrc, 'bridge', 'picturelock_bridge.py'), join(utility, 'picturelock_bridge.py'));
  cpSync(join(resolveSrc, 'scripts', 'Picturelock Bridge Check.py'), join(utility, 'Picturelock Bridge Check.py'));
  log(`scripts  ${relative(process.cwd(), utility)}`);

  for (const p of [paths.uxp, paths.cep, plugin]) {
    if (!existsSync(join(p, 'index.html'))) throw new Error(`${p} has no index.html`);
  }
  return paths;
}

/** `tsx extensions/build.ts [--out <folder>]` */
async function main(argv: readonly string[]): Promise<void> {
  const at = argv.indexOf('--out');
  const outDir = at >= 0 ? argv[at + 1] : undefined;
  if (at >= 0 && !outDir) {
    process.stderr.write('usage: tsx extensions/build.ts [--out <folder>]\n');
    process.exitCode = 2;
    return;
  }
  await buildExtensions({ ...(outDir ? { outDir } : {}), log: (line) => process.stdout.write(`${line}\n`) });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`build failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
