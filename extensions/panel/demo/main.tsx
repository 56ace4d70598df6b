import { timecodeOf } from '@picturelock/core';
import type { HostMarker } from '@picturelock/host-bridge/browser';
import { mountPanel, PANEL_THEMES } from '../index.ts';
import { DEMO_OFFLINE_LIST, exampleDemoHost } from './project.ts';

const host = exampleDemoHost();
const line = document.getElementById('demo-host')!;
// Every timeline of the example project runs at 23.976 from 01:00:00:00 (86,400 frames).
const tc = (frame: number) => timecodeOf(86400 + frame, { num: 24000, den: 1001, dropFrame: false });
let playhead = 'not set';
let markers = 0;
let renders = 0;
let lastMarkers = '';
const seen = new Set<string>();
const show = () => {
  line.textContent = `Demo host · playhead ${playhead} · marker writes ${markers}${lastMarkers ? ` (last: ${lastMarkers})` : ''} · render starts ${renders}`;
};
show();

/** The markers the panel just wrote (the demo host ids them `demo-marker-n`), as `red DIFF_SLIP 01:00:06:12`. */
function describeNew(list: readonly HostMarker[], timeline: string): string {
  const fresh = list.filter((m) => m.id?.startsWith('demo-marker-') && !seen.has(m.id));
  for (const m of fresh) seen.add(m.id!);
  const shown = fresh.slice(0, 3).map((m) => `${m.color} ${m.name} ${tc(m.frames.start)}`);
  return `${shown.join(', ')}${fresh.length > 3 ? ` and ${fresh.length - 3} more` : ''} on ${timeline}`;
}

host.subscribe((e) => {
  if (e.type === 'playhead') {
    playhead = tc(e.frame);
    line.dataset['playhead'] = String(e.frame);
  }
  if (e.type === 'render') renders++;
  if (e.type === 'markers') {
    markers++;
    void host.readMarkers(e.timelineId).then((r) => {
      if (r.ok) lastMarkers = describeNew(r.value, e.timelineId);
      show();
    });
  }
  show();
});

const panel = mountPanel(document.getElementById('panel')!, { host, theme: PANEL_THEMES.demo, offlineSamples: [DEMO_OFFLINE_LIST] });
// For the end-to-end tests and the curious: the host and the store, from the console.
Object.assign(window, { picturelock: { host, store: panel.store } });
