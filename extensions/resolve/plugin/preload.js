'use strict';
/*
 * Preload of Picturelock's Workflow Integration plugin: the one place with Node. It loads
 * WorkflowIntegration.node (copied next to this file from Resolve's Developer
 * "Workflow Integrations/Examples/SamplePlugin" folder: Blackmagic does not let us ship it),
 * connects with the plugin id from manifest.xml, and gives the page `window.picturelockResolve`:
 *   getResolve()  the live Resolve object, or null when the module or Resolve is not there
 *   problem()     why getResolve() gave null, written for the colorist
 *   files         temporary files for the EDL the adapter has Resolve export (speeds, dissolves)
 * Calls through the module are synchronous (docs/hosts/resolve.md §9).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const PLUGIN_ID = 'com.picturelock.resolve';

let wi = null;
let resolve = null;
let problem = null;

try {
  wi = require(path.join(__dirname, 'WorkflowIntegration.node'));
} catch (e) {
  problem = 'WorkflowIntegration.node is missing from the plugin folder. Copy it from DaVinci Resolve\'s Developer/Workflow Integrations/Examples/SamplePlugin folder, then restart Resolve. (' + (e && e.message ? e.message : String(e)) + ')';
}

function getResolve() {
  if (resolve || !wi) return resolve;
  if (!wi.Initialize(PLUGIN_ID)) {
    problem = 'Resolve refused the plugin id ' + PLUGIN_ID + ': Workflow Integration plugins need DaVinci Resolve Studio.';
    return null;
  }
  resolve = wi.GetResolve() || null;
  if (!resolve) problem = 'Resolve gave no scripting object: open a project and try again.';
  return resolve;
}

let tempDir = null;
let count = 0;
const files = {
  tempPath(extension) {
    if (!tempDir) tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'picturelock-resolve-'));
    count += 1;
    return path.join(tempDir, 'timeline-' + process.pid + '-' + count + '.' + extension);
  },
  readText: (p) => fs.promises.readFile(p, 'utf8'),
  exists: (p) => Promise.resolve(fs.existsSync(p)),
  remove: (p) => fs.promises.rm(p, { force: true }),
};

window.picturelockResolve = { getResolve, problem: () => problem, files };

// Blackmagic asks plugins to call CleanUp when they quit.
window.addEventListener('unload', () => {
  if (wi && resolve) wi.CleanUp();
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
});
