/**
 * @picturelock/resolve: the DaVinci Resolve packaging. The Workflow Integration plugin is built
 * from plugin/ and the Python bridge (bridge/picturelock_bridge.py) is copied into the Scripts
 * build by extensions/build.ts; no code is imported from this package.
 */
export {};
