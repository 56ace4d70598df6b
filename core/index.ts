/**
 * @picturelock/core: the pure core. No DOM, no node:*, no host globals; everything it needs
 * from the outside (files, processes, hosts) is passed in as data.
 */
export * from './time/index.ts';
export * from './timeline/index.ts';
export * from './findings/index.ts';
export * from './spec/index.ts';
export * from './interchange/xml.ts';
export * from './interchange/otio/index.ts';
export * from './checksum/index.ts';
export * from './interchange/ale/index.ts';
export * from './naming/index.ts';
export * from './interchange/edl/index.ts';
export * from './interchange/text.ts';
export * from './interchange/fcp7xml/index.ts';
export * from './interchange/fcpxml/index.ts';
export * from './interchange/index.ts';
export * from './interchange/aaf/index.ts';
export * from './captions/index.ts';
export * from './conform/index.ts';
export * from './deliver/index.ts';
export type { ReadResult, WriteResult, ReadOptions } from './interchange/types.ts';
