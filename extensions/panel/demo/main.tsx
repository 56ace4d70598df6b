import { timecodeOf } from '@picturelock/core';
import { mountPanel, PANEL_THEMES } from '../index.ts';
import { exampleDemoHost } from './project.ts';

const host = exampleDemoHost();
const line = document.getElementById('demo-host')!;
let playhead = 'not set';
let markers = 0;
let renders = 0;
const show = () => {
  line.textContent = `Demo host · playhead ${playhead} · marker writes ${markers} · render starts ${renders}`;
};
show();
host.subscribe((e) => {
  if (e.type === 'playhead') playhead = timecodeOf(86400 + e.frame, { num: 24000, den: 1001, dropFrame: false });
  if (e.type === 'markers') markers++;
  if (e.type === 'render') renders++;
  line.dataset['playhead'] = String(host.playhead('scene-v1.xml') ?? '');
  show();
});

const panel = mountPanel(document.getElementById('panel')!, { host, theme: PANEL_THEMES.demo });
// For the end-to-end tests and the curious: the host and the store, from the console.
Object.assign(window, { picturelock: { host, store: panel.store } });
