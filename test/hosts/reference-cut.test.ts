import { describe, expect, it } from 'vitest';
import { normalisedTimeline, referenceCut } from './contract.ts';

describe('the host contract reference cut', () => {
  it('reads cleanly and normalises to the cut the contract promises', () => {
    expect(normalisedTimeline(referenceCut())).toMatchInlineSnapshot(`
      {
        "rate": "29.97 DF",
        "start": "01:00:00;00",
        "tracks": [
          {
            "index": 1,
            "items": [
              {
                "clip": "A-Roll 1",
                "record": [
                  0,
                  90,
                ],
                "reel": "A001C001",
                "source": {
                  "duration": 90,
                  "rate": "30000/1001",
                  "start": 1079020,
                },
                "speed": "1/1",
              },
              {
                "clip": "O'Brien "wide" \\ take 2",
                "record": [
                  90,
                  120,
                ],
                "reel": "B002C003",
                "source": {
                  "duration": 30,
                  "rate": "30000/1001",
                  "start": 1240958,
                },
                "speed": "1/1",
              },
              {
                "after": 15,
                "at": 120,
                "before": 15,
                "transition": "dissolve",
              },
              {
                "clip": "東京 night 3",
                "record": [
                  120,
                  200,
                ],
                "reel": "A001C007",
                "source": {
                  "duration": 80,
                  "rate": "30000/1001",
                  "start": 1532683,
                },
                "speed": "1/1",
              },
              {
                "clip": "Slow 50",
                "record": [
                  200,
                  260,
                ],
                "reel": "B003C001",
                "source": {
                  "duration": 60,
                  "rate": "30000/1001",
                  "start": 1079260,
                },
                "speed": "1/2",
              },
              {
                "clip": "Reverse Pull",
                "record": [
                  260,
                  320,
                ],
                "reel": "A002C004",
                "source": {
                  "duration": 60,
                  "rate": "30000/1001",
                  "start": 1079479,
                },
                "speed": "-1/1",
              },
            ],
            "kind": "video",
          },
          {
            "index": 2,
            "items": [
              {
                "clip": "VFX_010_comp_v003",
                "record": [
                  30,
                  90,
                ],
                "reel": "VFX010",
                "source": {
                  "duration": 60,
                  "rate": "30000/1001",
                  "start": 1080308,
                },
                "speed": "1/1",
              },
            ],
            "kind": "video",
          },
          {
            "index": 1,
            "items": [
              {
                "clip": "A-Roll 1",
                "record": [
                  0,
                  120,
                ],
                "reel": "SR001",
                "source": {
                  "duration": 120,
                  "rate": "30000/1001",
                  "start": 1078980,
                },
                "speed": "1/1",
              },
              {
                "clip": "Room tone — ambience",
                "record": [
                  120,
                  320,
                ],
                "reel": "SR001",
                "source": {
                  "duration": 200,
                  "rate": "30000/1001",
                  "start": 1079860,
                },
                "speed": "1/1",
              },
            ],
            "kind": "audio",
          },
          {
            "index": 2,
            "items": [
              {
                "clip": "Music temp",
                "record": [
                  0,
                  320,
                ],
                "reel": "MX001",
                "source": {
                  "duration": 320,
                  "rate": "30000/1001",
                  "start": 30,
                },
                "speed": "1/1",
              },
            ],
            "kind": "audio",
          },
        ],
      }
    `);
  });
});
