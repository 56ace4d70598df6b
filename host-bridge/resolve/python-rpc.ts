import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { isResolveHandle, ResolveTransportError, type ResolveCall, type ResolveHandle, type ResolveTransport, type ResolveValue } from './api.ts';

/**
 * The CLI's way into Resolve: spawns python3 with `extensions/resolve/bridge/picturelock_bridge.py`
 * and speaks line-delimited JSON-RPC 2.0 with it over stdin/stdout (one JSON text a line, UTF-8).
 * The bridge imports Blackmagic's `DaVinciResolveScript`, found the way Resolve documents it:
 * `RESOLVE_SCRIPT_API`, `RESOLVE_SCRIPT_LIB`, and `PYTHONPATH` including `$RESOLVE_SCRIPT_API/Modules`.
 *
 * Methods: `hello` (bridge and module facts), `root` (`scriptapp("Resolve")`, null when Resolve
 * is not there), `call` {target, method, args}, `get` {target, name}, `release` {handles}.
 * Objects travel as `{"$handle": "h3", "type": "..."}`; `None` as null. `callAll` sends one
 * JSON-RPC batch (an array), so a whole timeline's item reads cost a few round trips.
 */

export interface PythonBridgeOptions {
  /** The Python interpreter (default `python3`; Resolve 21.1 also ships `ResolvePython`). */
  readonly python?: string;
  /** Path to `picturelock_bridge.py` (extensions/resolve/bridge in a checkout; Resolve's Scripts folder once installed). */
  readonly bridge: string;
  /** Environment for the bridge (default this process's): RESOLVE_SCRIPT_API, RESOLVE_SCRIPT_LIB, PYTHONPATH. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Milliseconds one request may take before it fails with TIMEOUT (default 30 s; Resolve blocks behind modal dialogs). */
  readonly timeoutMs?: number;
}

export interface PythonBridgeHello {
  readonly bridge: string;
  readonly protocol: number;
  readonly python: string;
  /** Where `DaVinciResolveScript` was imported from, or null with `moduleError` when it was not found. */
  readonly module: string | null;
  readonly moduleError?: string;
}

export interface PythonBridge extends ResolveTransport {
  readonly hello: PythonBridgeHello;
  /** JSON-RPC requests sent so far (a batch counts once): the bridge's round trips. */
  requestCount(): number;
  close(): Promise<void>;
}

interface RpcResponse {
  readonly id: number | null;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown };
}

interface Pending {
  readonly resolve: (v: RpcResponse | RpcResponse[]) => void;
  readonly reject: (e: Error) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

function asValue(v: unknown): ResolveValue {
  return v as ResolveValue;
}

/** Starts the bridge and waits for its `hello`; rejects with a ResolveTransportError when python or the script cannot run. */
export async function startPythonBridge(options: PythonBridgeOptions): Promise<PythonBridge> {
  const python = options.python ?? 'python3';
  const script = options.bridge;
  const timeoutMs = options.timeoutMs ?? 30_000;
  let child: ChildProcessWithoutNullStreams;
  try {
    child = spawn(python, ['-u', script], { env: { ...(options.env ?? process.env), PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' } as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    throw new ResolveTransportError(`could not start ${python}: ${e instanceof Error ? e.message : String(e)}`, 'unavailable');
  }
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let requests = 0;
  let stderrTail = '';
  let dead: Error | undefined;

  const failAll = (e: Error) => {
    dead ??= e;
    for (const [id, p] of pending) {
      clearTimeout(p.timer);
      p.reject(e);
      pending.delete(id);
    }
  };

  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    stderrTail = (stderrTail + d).slice(-2000);
  });
  child.on('error', (e) => failAll(new ResolveTransportError(`could not run ${python} ${script}: ${e.message}`, 'unavailable')));
  child.on('exit', (code, signal) =>
    failAll(new ResolveTransportError(`the Resolve bridge exited (${signal ?? `code ${code}`})${stderrTail ? `: ${stderrTail.trim().split('\n').slice(-3).join(' | ')}` : ''}`, 'unavailable')),
  );
  // One JSON-RPC message (or batch) a line.
  createInterface({ input: child.stdout }).on('line', (raw) => {
    const line = raw.trim();
    if (!line || dead) return;
    let msg: unknown;
    try {
      msg = JSON.parse(line);
    } catch {
      failAll(new ResolveTransportError(`the Resolve bridge wrote a line that is not JSON: ${line.slice(0, 120)}`, 'protocol'));
      return;
    }
    const responses = (Array.isArray(msg) ? msg : [msg]) as RpcResponse[];
    // A batch is keyed by its first request id.
    const key = responses[0]?.id;
    const p = typeof key === 'number' ? pending.get(key) : undefined;
    if (!p) return;
    pending.delete(key as number);
    clearTimeout(p.timer);
    p.resolve(Array.isArray(msg) ? responses : responses[0]!);
  });

  const send = (payload: { id: number; method: string; params?: unknown }[] | { id: number; method: string; params?: unknown }): Promise<RpcResponse | RpcResponse[]> => {
    if (dead) return Promise.reject(dead);
    const first = Array.isArray(payload) ? payload[0]!.id : payload.id;
    const wrap = (r: { id: number; method: string; params?: unknown }) => ({ jsonrpc: '2.0', ...r });
    const line = JSON.stringify(Array.isArray(payload) ? payload.map(wrap) : wrap(payload));
    requests++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(first);
        reject(new ResolveTransportError(`Resolve did not answer within ${timeoutMs} ms (a modal dialog in Resolve blocks scripting)`, 'timeout'));
      }, timeoutMs);
      pending.set(first, { resolve, reject, timer });
      child.stdin.write(`${line}\n`);
    });
  };

  const resultOf = (r: RpcResponse): ResolveValue => {
    if (r.error) {
      const kind = r.error.code === -32000 || r.error.code === -32601 ? 'call-failed' : 'protocol';
      throw new ResolveTransportError(r.error.message, kind);
    }
    return asValue(r.result ?? null);
  };

  const request = async (method: string, params?: unknown): Promise<ResolveValue> => {
    const r = await send({ id: nextId++, method, ...(params !== undefined ? { params } : {}) });
    return resultOf(r as RpcResponse);
  };

  const helloRaw = await request('hello');
  const h = helloRaw as unknown as PythonBridgeHello;
  if (typeof h !== 'object' || h === null || h.bridge !== 'picturelock-resolve') {
    child.kill();
    throw new ResolveTransportError(`${script} is not the Picturelock Resolve bridge`, 'protocol');
  }

  const bridge: PythonBridge = {
    hello: h,
    requestCount: () => requests,
    root: async () => {
      const r = await request('root');
      return isResolveHandle(r) ? r : null;
    },
    call: (target: ResolveHandle, method: string, args: readonly ResolveValue[] = []) => request('call', { target, method, args }),
    callAll: async (calls: readonly ResolveCall[]) => {
      if (calls.length === 0) return [];
      const batch = calls.map((c) => ({ id: nextId++, method: 'call', params: { target: c.target, method: c.method, args: c.args ?? [] } }));
      const answers = (await send(batch)) as RpcResponse[];
      const byId = new Map(answers.map((a) => [a.id, a]));
      return batch.map((b) => {
        const a = byId.get(b.id);
        if (!a) throw new ResolveTransportError(`the Resolve bridge did not answer request ${b.id} of a batch`, 'protocol');
        return resultOf(a);
      });
    },
    attribute: (target: ResolveHandle, name: string) => request('get', { target, name }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill();
        }, 2000).unref();
      }),
  };
  return bridge;
}
