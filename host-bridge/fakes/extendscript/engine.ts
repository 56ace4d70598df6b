import { readFileSync } from 'node:fs';
import vm from 'node:vm';
import { FakeTime, FakeXMPMeta, type FakeApp } from './dom.ts';

/**
 * A fake ExtendScript engine plus the CEP plumbing around it: `evalScript(code, cb)` runs
 * code in a `node:vm` context whose globals are the fake DOM (`app`, `$`, `Time`,
 * `ExternalObject`), with what ES3 ExtendScript lacks taken away (no `JSON`, no Array
 * extras, no `Object.keys`, no `String.prototype.trim`, no `Function.prototype.bind`), and
 * answers the way CSInterface does: always a string, `"EvalScript error."` when the script
 * throws, `"undefined"` for no value. Events dispatched with `CSXSEvent` reach listeners
 * added with `addEventListener`; like CEP (6.1+) a listener gets an object when `data` is
 * valid JSON.
 *
 * The real host script is loaded the way the manifest's ScriptPath loads it: once, before
 * any call, and not counted as a call.
 */

export const PICTURELOCK_JSX_URL = new URL('../../premiere-cep/jsx/picturelock.jsx', import.meta.url);

export const EVAL_SCRIPT_ERROR = 'EvalScript error.';

export interface CepEvent {
  readonly type: string;
  readonly data: unknown;
}

export interface FakeCepOptions {
  /** Host script source; the real `picturelock.jsx` when absent. */
  readonly jsx?: string;
  /** Skip loading the host script (a panel opened before its ScriptPath ran). */
  readonly noScript?: boolean;
}

export interface FakeCep {
  /** CSInterface.evalScript. */
  evalScript(code: string, callback: (result: string) => void): void;
  /** CSInterface.addEventListener. */
  addEventListener(type: string, listener: (event: CepEvent) => void): void;
  /** evalScript calls so far. */
  calls(): number;
  /** Every script text evalScript received, in order. */
  readonly scripts: string[];
  /** While true, evalScript never calls back (a modal dialog holds Premiere's main thread). */
  hang: boolean;
  /** Events dispatched but not yet delivered are delivered; resolves once they are. */
  flushEvents(): Promise<void>;
  /** Runs code in the engine outside any call (a test probing the sandbox). */
  run(code: string): unknown;
  readonly app: FakeApp;
}

/** Names ES3 ExtendScript does not have; they are deleted from the fake engine. */
const REMOVED = [
  'JSON',
  'Array.isArray',
  'Array.prototype.forEach',
  'Array.prototype.map',
  'Array.prototype.filter',
  'Array.prototype.reduce',
  'Array.prototype.reduceRight',
  'Array.prototype.some',
  'Array.prototype.every',
  'Array.prototype.indexOf',
  'Array.prototype.lastIndexOf',
  'Array.prototype.find',
  'Array.prototype.includes',
  'Object.keys',
  'Object.create',
  'Object.defineProperty',
  'Object.freeze',
  'String.prototype.trim',
  'String.prototype.includes',
  'String.prototype.startsWith',
  'Function.prototype.bind',
  'Date.now',
  'Promise',
  'Map',
  'Set',
  'Symbol',
];

export function createFakeCep(app: FakeApp, options: FakeCepOptions = {}): FakeCep {
  const listeners = new Map<string, ((event: CepEvent) => void)[]>();
  let pending: CepEvent[] = [];
  let delivering: Promise<void> = Promise.resolve();

  const deliver = (): void => {
    delivering = delivering.then(() => {
      const batch = pending;
      pending = [];
      for (const e of batch) for (const l of listeners.get(e.type) ?? []) l(e);
    });
  };

  class CSXSEvent {
    type = '';
    data = '';
    dispatch(): void {
      let data: unknown = this.data;
      try {
        data = JSON.parse(String(this.data));
      } catch {
        data = String(this.data);
      }
      pending.push({ type: this.type, data });
      deliver();
    }
  }

  const sandbox: Record<string, unknown> = {
    app,
    $: { fileName: 'picturelock.jsx' },
    Time: FakeTime,
  };
  // `new ExternalObject(lib)` loads a host library; the names it defines appear only then.
  sandbox['ExternalObject'] = function ExternalObject(lib: string) {
    if (lib === 'lib:AdobeXMPScript') sandbox['XMPMeta'] = FakeXMPMeta;
    else if (lib === 'lib:PlugPlugExternalObject') sandbox['CSXSEvent'] = CSXSEvent;
    else throw new Error(`ExternalObject: cannot load ${lib}`);
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(REMOVED.map((p) => `delete ${p};`).join('\n'), context);
  if (!options.noScript) vm.runInContext(options.jsx ?? readFileSync(PICTURELOCK_JSX_URL, 'utf8'), context, { filename: 'picturelock.jsx' });

  const scripts: string[] = [];
  const cep: FakeCep = {
    app,
    scripts,
    hang: false,
    evalScript(code, callback) {
      scripts.push(code);
      if (cep.hang) return;
      let result: string;
      try {
        const v: unknown = vm.runInContext(code, context, { filename: 'evalScript' });
        result = v === undefined ? 'undefined' : String(v);
      } catch {
        result = EVAL_SCRIPT_ERROR;
      }
      queueMicrotask(() => callback(result));
    },
    addEventListener(type, listener) {
      listeners.set(type, [...(listeners.get(type) ?? []), listener]);
    },
    calls: () => scripts.length,
    async flushEvents() {
      await delivering;
      await new Promise((r) => setImmediate(r));
      await delivering;
    },
    run: (code) => vm.runInContext(code, context),
  };
  return cep;
}
