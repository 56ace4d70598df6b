/// <reference types="vite/client" />
import { createDemoHost, type DemoHost } from '@picturelock/host-bridge/browser';
import sceneXml from '../../../examples/scene-v1.xml?raw';
import sceneV1Edl from '../../../examples/scene-v1.edl?raw';
import sceneV2Edl from '../../../examples/scene-v2.edl?raw';
import mediaAle from '../../../examples/media.ale?raw';

/** The demo host with the example project: the XML cut active, both EDLs beside it, the ALE as media facts. */
export function exampleDemoHost(): DemoHost {
  return createDemoHost({
    files: [
      { name: 'scene-v1.xml', text: sceneXml },
      { name: 'scene-v1.edl', text: sceneV1Edl },
      { name: 'scene-v2.edl', text: sceneV2Edl },
    ],
    inventory: mediaAle,
    // 703 frames at 240 frames a second: each render takes about three seconds, long enough to watch.
    framesPerSecond: 240,
  });
}
