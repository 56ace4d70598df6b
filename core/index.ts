/**
 * @picturelock/core: the pure core. No DOM, no node:*, no host globals; everything it needs
 * from the outside (files, processes, hosts) is passed in as data.
 */
export * from './time/index.ts';
export * from './timeline/index.ts';
export * from './findings/index.ts';
