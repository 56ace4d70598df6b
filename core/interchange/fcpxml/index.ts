export { readFcpxml, FCPXML_BUNDLE_ENTRY, FCPXML_READ_VERSIONS } from './read.ts';
export { writeFcpxml, FCPXML_WRITE_VERSIONS } from './write.ts';
export type { FcpxmlVersion, FcpxmlWriteOptions } from './write.ts';
export { parseFcpxmlTime, formatFcpxmlTime, frameDurationOf as fcpxmlFrameDuration, rateFromFrameDuration as fcpxmlRateFromFrameDuration } from './time.ts';
export type { Seconds as FcpxmlSeconds } from './time.ts';
