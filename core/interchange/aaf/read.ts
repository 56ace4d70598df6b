import { finding } from '../../findings/index.ts';
import type { Timeline } from '../../timeline/index.ts';
import type { ReadOptions, ReadResult } from '../types.ts';
import { aafTimelines } from './compose.ts';
import { openCfbContainer } from './container.ts';
import { AafMeta } from './meta.ts';
import { AafStore } from './store.ts';

/**
 * Reads an AAF file (Structured Storage encoding) into one timeline per sequence it holds.
 * Never throws on bad input: a container that cannot be opened is one error finding and no
 * value; damage inside (missing objects, short streams, dangling or looping references) is
 * reported and the rest is read. `value` is undefined only when no timeline came out.
 */
export function readAaf(bytes: Uint8Array, options: ReadOptions = {}): ReadResult<Timeline[]> {
  const file = options.file ?? 'input';
  const opened = openCfbContainer(bytes);
  if (!opened.ok) return { value: undefined, findings: [finding('AAF_CONTAINER_UNREADABLE', { reason: opened.reason }, { where: { file } })] };
  const store = new AafStore(opened.value, file);
  let timelines: Timeline[] = [];
  if (!store.root()) {
    store.report('AAF_STREAM_MISSING', { path: '/', wanted: 'the root object' });
  } else {
    timelines = aafTimelines(store, new AafMeta(store));
  }
  return { value: timelines.length ? timelines : undefined, findings: store.findings };
}
