import type { JsonValue } from './json.ts';

/**
 * Where OTIO-specific facts ride in the model's metadata. `picturelock` is our own key in
 * OTIO metadata (as OTIO asks adapters to use a namespace of their own); `cmx_3600.reel`
 * is where OTIO's own CMX 3600 EDL adapter keeps a clip's reel, so both tools agree on it.
 */
export const OTIO_META = { key: 'picturelock', cmxKey: 'cmx_3600' } as const;

/** What the reader keeps under `metadata.picturelock.otio` so the writer gives back what it read. */
export interface OtioStash {
  /** OTIO fields the model has no place for, as read (Item `color`, a Track's `source_range` …). */
  readonly fields?: Readonly<Record<string, JsonValue>> | undefined;
  /** The OTIO schema an object was written as, when the model holds it as something else. */
  readonly schema?: string | undefined;
  /** A track made only to hold an item that sat directly in a Stack. */
  readonly wrapped?: boolean | undefined;
  /** A whole object of a schema Picturelock does not read. */
  readonly raw?: JsonValue | undefined;
  /** The fields of the Timeline's top Stack other than its children and markers. */
  readonly stack?: Readonly<Record<string, JsonValue>> | undefined;
  /** A Clip's media references other than the active one. */
  readonly otherMedia?: Readonly<Record<string, JsonValue>> | undefined;
  /** A Clip's active media reference key when it is not DEFAULT_MEDIA. */
  readonly activeKey?: string | undefined;
}
