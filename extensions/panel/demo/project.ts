/// <reference types="vite/client" />
import { readFcp7Xml } from '@picturelock/core';
import { createDemoHost, type DemoHost } from '@picturelock/host-bridge/browser';
import sceneXml from '../../../examples/scene-v1.xml?raw';
import sceneV1Edl from '../../../examples/scene-v1.edl?raw';
import sceneV2Edl from '../../../examples/scene-v2.edl?raw';
import mediaAle from '../../../examples/media.ale?raw';
import { DEMO_ONLINE_ID, demoOnlineTimeline } from './online.ts';

/** The offline list the demo compares with in one click: the text bundled with the page. */
export const DEMO_OFFLINE_LIST = { name: 'examples/scene-v1.edl', text: sceneV1Edl } as const;

/**
 * The demo host with the example project: the XML cut active, both EDLs beside it, the
 * conformed online (the XML cut with one shot slipped two frames) last, the ALE as media facts.
 */
export function exampleDemoHost(): DemoHost {
  const cut = readFcp7Xml(sceneXml, { file: 'scene-v1.xml' }).value?.[0];
  return createDemoHost({
    files: [
      { name: 'scene-v1.xml', text: sceneXml },
      { name: 'scene-v1.edl', text: sceneV1Edl },
      { name: 'scene-v2.edl', text: sceneV2Edl },
    ],
    timelines: cut ? [{ id: DEMO_ONLINE_ID, timeline: demoOnlineTimeline(cut) }] : [],
    inventory: mediaAle,
    // 703 frames at 240 frames a second: each render takes about three seconds, long enough to watch.
    framesPerSecond: 240,
  });
}
