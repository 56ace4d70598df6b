import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { UsageError, type CliIO } from '../io.ts';

/** The panel demo's Vite config: `extensions/panel/demo/` with the example project. */
const CONFIG = fileURLToPath(new URL('../../extensions/panel/demo/vite.config.ts', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

function portOption(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n > 65535) throw new UsageError(`--port ${text}: give a port number from 0 to 65535 (0 picks a free one)`);
  return n;
}

/** Builds the demo and bench pages once into `outDir` (about two seconds). */
export async function buildPanelDemo(outDir: string): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: CONFIG, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

/** Serves the files of `dir` on 127.0.0.1 (`/` is index.html, `/bench` bench.html); nothing outside `dir`. */
export function servePanelDemo(dir: string, port: number): Promise<{ server: Server; url: string }> {
  const root = normalize(dir + sep);
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const name = path === '/' ? 'index.html' : path === '/bench' ? 'bench.html' : path.slice(1);
    const file = normalize(join(root, name));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}\n`);
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}/` });
    });
  });
}

/** Opens `url` in the desktop's browser, when there is a desktop; says so when it cannot. */
async function openBrowser(url: string, io: CliIO): Promise<void> {
  const { spawn } = await import('node:child_process');
  const cmd = process.platform === 'darwin' ? ['open', url] : process.platform === 'win32' ? ['cmd', '/c', 'start', '', url] : ['xdg-open', url];
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    io.out('(no desktop session: open the URL in a browser yourself)\n');
    return;
  }
  const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore', detached: true });
  child.on('error', () => io.out('(could not open a browser: open the URL yourself)\n'));
  child.unref();
}

/**
 * `picturelock demo`: the panel in a browser against the in-memory demo host with the example
 * project (what `npm start` runs). Builds the page once, serves it, prints the URL and stays
 * up until Ctrl-C.
 */
export function registerDemo(program: Command, io: CliIO): void {
  program
    .command('demo')
    .description('serve the panel in a browser against the demo host and the example project, until Ctrl-C')
    .option('--port <n>', 'port to listen on (0 picks a free one)', portOption, 5178)
    .option('--no-open', 'do not open a browser')
    .action(async (opts: { port: number; open: boolean }) => {
      const dir = mkdtempSync(join(tmpdir(), 'picturelock-demo-'));
      try {
        io.out('Building the panel demo…\n');
        await buildPanelDemo(dir);
        let served: { server: Server; url: string };
        try {
          served = await servePanelDemo(dir, opts.port);
        } catch (e) {
          throw new UsageError(`cannot listen on port ${opts.port} (${e instanceof Error ? e.message : String(e)}): pick another with --port, or --port 0 for any free one`);
        }
        io.out(`Picturelock panel demo: ${served.url}\n`);
        io.out('Open it in a browser; press Ctrl-C to stop.\n');
        if (opts.open) await openBrowser(served.url, io);
        await new Promise<void>((resolve) => {
          const stop = () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
            resolve();
          };
          process.on('SIGINT', stop);
          process.on('SIGTERM', stop);
        });
        served.server.closeAllConnections();
        await new Promise<void>((resolve) => served.server.close(() => resolve()));
        io.out('Demo stopped.\n');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
}
