'use strict';
/*
 * Electron main process of Picturelock's Workflow Integration plugin (docs/hosts/resolve.md §9).
 * Resolve starts it from Workspace > Workflow Integrations with its own Electron (plugins ship
 * none) and reads this file's name from manifest.xml's FilePath. CommonJS, as Resolve loads it.
 *
 * It only opens the window. preload.js loads WorkflowIntegration.node and hands the live
 * Resolve object to the page; the page (panel.js) runs the Picturelock panel over it.
 */
const { app, BrowserWindow } = require('electron');
const path = require('path');

function openWindow() {
  const win = new BrowserWindow({
    width: 480,
    height: 780,
    minWidth: 360,
    minHeight: 420,
    title: 'Picturelock',
    // Resolve's panel grey, so the window does not flash white while the page loads.
    backgroundColor: '#1f1f1f',
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      // The Resolve object is a native object with methods: it reaches the page only when
      // preload and page share one JavaScript world.
      contextIsolation: false,
      // The page itself gets no Node; only preload.js does.
      nodeIntegration: false,
      // A sandboxed preload cannot load a native module such as WorkflowIntegration.node.
      sandbox: false,
    },
  });
  win.setMenuBarVisibility(false);
  win.loadFile(path.join(__dirname, 'index.html'));
}

app.whenReady().then(openWindow);

app.on('window-all-closed', () => {
  app.quit();
});
