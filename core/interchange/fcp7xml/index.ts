/** Final Cut Pro 7 XML (xmeml v4/v5): read into timelines, write in Premiere's export structure. */
export type { Fcp7ReadOptions } from './read.ts';
export { readFcp7Xml } from './read.ts';
export type { Fcp7WriteOptions } from './write.ts';
export { writeFcp7Xml } from './write.ts';
