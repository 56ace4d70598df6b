export { readOtio, readOtioTimelines, ratioFromFloat as otioRatioFromFloat } from './read.ts';
export { writeOtio } from './write.ts';
export { readOtioJson, writeOtioJson, JsonFloat as OtioJsonFloat, OTIO_MAX_JSON_DEPTH, OTIO_MAX_JSON_LENGTH } from './json.ts';
export type { JsonValue as OtioJsonValue, JsonObject as OtioJsonObject, JsonOut as OtioJsonOut, JsonReadResult as OtioJsonReadResult } from './json.ts';
export { OTIO_META } from './meta.ts';
export type { OtioStash } from './meta.ts';
