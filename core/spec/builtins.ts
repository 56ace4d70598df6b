import type { DeliveryProfile } from './profile.ts';

/**
 * Built-in delivery profiles, written by us from the research notes in
 * docs/specs/delivery-profiles.md and loudness-qc.md. Each value's source and confidence is
 * in `provenance` (P primary read, S secondary, U unconfirmed -> warning, never an error).
 * Platform specs change without notice: `edition` names the revision these restate.
 */

const NETFLIX_SOURCES = {
  'NFX-KMRB': { title: 'Netflix KMRB ProRes deliverable', url: 'https://partnerhelp.netflixstudios.com/hc/en-us/articles/360060572613', tier: 'primary' },
  'NFX-PIX': { title: 'Netflix editorial H.264 spec (frame-rate list)', url: 'https://partnerhelp.netflixstudios.com/hc/en-us/articles/360058430693', tier: 'primary' },
  'NFX-MIXSPEC': { title: 'Netflix Sound Mix Specifications & Best Practices v1.4 (PDF not retrieved)', url: null, tier: 'secondary' },
  'NFX-LOUD-QC': { title: 'Netflix: Loudness and True Peaks - How to Measure and When to Flag', url: 'http://backlothelp.netflix.com/hc/en-us/articles/360050414014', tier: 'primary' },
  'NFX-PIC-ARCHIVE': { title: 'Netflix picture archival / naming', url: 'https://partnerhelp.netflixstudios.com/hc/ja/articles/360000384727', tier: 'primary' },
  'NFX-TTSG-GEN': { title: 'Netflix Timed Text Style Guide - General Requirements', url: 'https://partnerhelp.netflixstudios.com/hc/en-us/articles/215758617', tier: 'primary' },
  CONVENTION: { title: 'Common practice: programme at 01:00:00:00 (delivery-profiles.md §0.3, not normative)', url: null },
  'APL-PRORES': { title: 'Apple ProRes white paper: ProRes 422 is 4:2:2 10-bit (not re-read)', url: 'https://support.apple.com/en-us/HT202410' },
} as const;

export const NETFLIX_PRORES: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'netflix.prores.kmrb',
  name: 'Netflix non-IMF ProRes 422 HQ master (KMRB-type)',
  owner: 'Netflix',
  kind: 'mezzanine',
  edition: 'Partner Help article 360060572613; Sound Mix Specifications v1.4; loudness QC article 360050414014',
  source: { title: 'Netflix Partner Help: KMRB ProRes deliverable', url: 'https://partnerhelp.netflixstudios.com/hc/en-us/articles/360060572613' },
  container: { format: ['mov'] },
  video: {
    codec: [{ name: 'prores', profile: ['422hq'], fourcc: ['apch'] }],
    frameRate: { allowed: ['24000/1001', '24', '25', '30000/1001', '30', '50', '60000/1001', '60'], vfr: false },
    bitDepth: [10],
    chroma: ['4:2:2'],
    colour: { primaries: ['bt709'], transfer: ['bt709'], matrix: ['bt709'], range: 'limited' },
  },
  audio: {
    codec: ['pcm'],
    sampleRate: [48000],
    bitDepth: [16, 24],
    layouts: [
      { name: '5.1+2.0', channels: 8, order: ['L', 'R', 'C', 'LFE', 'Ls', 'Rs', 'Lt', 'Rt'] },
      { name: '2.0', channels: 2, order: ['L', 'R'] },
    ],
    avDurationTolerance: { seconds: 1 },
  },
  loudness: {
    combine: 'any',
    entries: [
      { id: 'spec-dialogue', method: 'dialogue-gated', standard: 'ITU-R BS.1770-1', target: -27, tolerance: { minus: 2, plus: 2 }, truePeakMax: -2 },
      { id: 'qc-programme-fallback', method: 'program-gated', standard: 'ITU-R BS.1770-4', target: -24, tolerance: { minus: 3, plus: 3 }, truePeakMax: -1, note: 'QC flags only when both methods fail' },
    ],
  },
  timecode: { start: '01:00:00:00' },
  structure: { leader: 'none' },
  captions: { sidecar: ['ttml', 'dfxp'], rulesProfile: 'netflix-en' },
  naming: { charset: '[A-Za-z0-9._-]' },
  sources: NETFLIX_SOURCES,
  provenance: {
    '/container': ['NFX-KMRB', 'P'],
    '/video/codec/0/profile': ['NFX-KMRB', 'P'],
    '/video/codec': ['NFX-KMRB', 'P'],
    '/video/frameRate/allowed': ['NFX-PIX', 'S'],
    '/video/frameRate/vfr': ['NFX-PIX', 'P'],
    '/video/bitDepth': ['APL-PRORES', 'U'],
    '/video/chroma': ['APL-PRORES', 'U'],
    '/video/colour': ['NFX-KMRB', 'P'],
    '/video/colour/range': ['CONVENTION', 'U'],
    '/audio': ['NFX-KMRB', 'P'],
    '/loudness/entries/0': ['NFX-MIXSPEC', 'S'],
    '/loudness/entries/1': ['NFX-LOUD-QC', 'P'],
    '/loudness/combine': ['NFX-LOUD-QC', 'P'],
    '/timecode/start': ['CONVENTION', 'U'],
    '/structure/leader': ['NFX-KMRB', 'P'],
    '/captions': ['NFX-TTSG-GEN', 'P'],
    '/naming': ['NFX-PIC-ARCHIVE', 'P'],
  },
};

export const AMAZON_PVD: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'amazon.pvd.mezzanine-hd',
  name: 'Amazon Prime Video Direct HD mezzanine',
  owner: 'Amazon',
  kind: 'upload',
  edition: 'Prime Video Direct help pages and Video Central delivery pages (retrieved 2025)',
  source: { title: 'Prime Video Direct video requirements', url: 'https://videodirect.amazon.com/home/help?topicId=G202129880' },
  container: { format: ['mp4', 'mpegts'] },
  video: {
    codec: [{ name: 'h264', profile: ['high'] }],
    raster: [{ maxWidth: 1920, maxHeight: 1080, name: 'up to 1920x1080 (no UHD)' }],
    dar: ['4:3', '1.66', '16:9', '1.85', '2:1', '2.20', '2.35', '2.39', '2.40'],
    frameRate: { allowed: ['24000/1001', '24', '25', '30000/1001', '30'], vfr: false },
    scan: ['progressive'],
  },
  audio: {
    codec: ['ac3', 'aac'],
    layouts: [
      { name: '1.0', channels: 1, order: ['C'] },
      { name: '2.0', channels: 2, order: ['L', 'R'] },
      { name: '5.1', channels: 6, order: ['L', 'R', 'C', 'LFE', 'Ls', 'Rs'] },
      { name: '5.1+2.0', channels: 8, order: ['L', 'R', 'C', 'LFE', 'Ls', 'Rs', 'Lt', 'Rt'] },
    ],
    avDurationTolerance: { seconds: 2 },
  },
  structure: { leader: 'none' },
  captions: { sidecar: ['scc', 'dfxp', 'smpte-tt', 'srt'] },
  qc: { blackMin: { seconds: 2 } },
  sources: {
    'AMZ-PVD-VIDEO': { title: 'Prime Video Direct video requirements', url: 'https://videodirect.amazon.com/home/help?topicId=G202129880', tier: 'primary' },
    'AMZ-PVD-SEC': { title: 'Secondary copy of the PVD mezzanine spec', url: null, tier: 'secondary' },
    'AMZ-VC-VIDEO': { title: 'Prime Video partner video requirements', url: 'https://videocentral.amazon.com/support/delivery-experience/videos/video-requirements', tier: 'primary' },
    'AMZ-VC-AUDIO': { title: 'Prime Video partner audio requirements', url: 'https://videocentral.amazon.com/support/delivery-experience/audio', tier: 'primary' },
    'AMZ-PVD-CAP': { title: 'Prime Video Direct captions', url: 'https://videodirect.amazon.com/home/help?topicId=201979140', tier: 'primary' },
  },
  provenance: {
    '/container': ['AMZ-PVD-SEC', 'S'],
    '/video/codec': ['AMZ-PVD-SEC', 'S'],
    '/video/raster': ['AMZ-PVD-VIDEO', 'P'],
    '/video/dar': ['AMZ-VC-VIDEO', 'P'],
    '/video/frameRate': ['AMZ-PVD-VIDEO', 'P'],
    '/video/scan': ['AMZ-PVD-SEC', 'S'],
    '/audio/codec': ['AMZ-PVD-SEC', 'S'],
    '/audio/layouts': ['AMZ-PVD-SEC', 'S'],
    '/audio/avDurationTolerance': ['AMZ-VC-AUDIO', 'P'],
    '/structure': ['AMZ-VC-VIDEO', 'P'],
    '/qc': ['AMZ-VC-VIDEO', 'P'],
    '/captions/sidecar': ['AMZ-PVD-CAP', 'U'],
  },
};

export const APPLE_PRORES: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'apple.tv.prores-hd',
  name: 'Apple TV / iTunes film & TV source, ProRes 422 HQ HD',
  owner: 'Apple',
  kind: 'master',
  edition: 'Apple Video and Audio Asset Guide 5.3.14 (April 2024); TV partner QC checklist',
  source: { title: 'Apple Video and Audio Asset Guide', url: 'https://help.apple.com/itc/videoaudioassetguide/' },
  container: { format: ['mov'] },
  video: {
    codec: [{ name: 'prores', profile: ['422hq'], fourcc: ['apch'] }],
    raster: [{ width: 1920, height: 1080 }],
    frameRate: { vfr: false },
    colour: { primaries: ['bt709'], transfer: ['bt709'], matrix: ['bt709'] },
  },
  audio: { codec: ['pcm'], sampleRate: [48000], bitDepth: [24], channels: [8, 2] },
  structure: { leader: 'none' },
  captions: { sidecar: ['itt', 'scc'] },
  sources: {
    'APL-TVP-QC': { title: 'Apple TV partner QC checklist', url: 'https://tvpartners.apple.com/support/3713', tier: 'primary' },
    'APL-VAAG': { title: 'Apple Video and Audio Asset Guide', url: 'https://help.apple.com/itc/videoaudioassetguide/', tier: 'primary' },
  },
  provenance: {
    '/container': ['APL-VAAG', 'U'],
    '/video/codec': ['APL-VAAG', 'U'],
    '/video/raster': ['APL-VAAG', 'U'],
    '/video/frameRate': ['APL-TVP-QC', 'P'],
    '/video/colour': ['APL-VAAG', 'U'],
    '/audio/codec': ['APL-TVP-QC', 'P'],
    '/audio/sampleRate': ['APL-VAAG', 'U'],
    '/audio/bitDepth': ['APL-VAAG', 'U'],
    '/audio/channels': ['APL-VAAG', 'U'],
    '/structure/leader': ['APL-TVP-QC', 'P'],
    '/captions': ['APL-VAAG', 'U'],
  },
};

export const YOUTUBE_SDR: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'youtube.upload.sdr',
  name: 'YouTube recommended upload (SDR, H.264)',
  owner: 'YouTube',
  kind: 'upload',
  edition: 'YouTube Help answer 1722171',
  source: { title: 'YouTube recommended upload encoding settings', url: 'https://support.google.com/youtube/answer/1722171' },
  container: { format: ['mp4'] },
  video: {
    codec: [{ name: 'h264', profile: ['high'] }],
    scan: ['progressive'],
    chroma: ['4:2:0'],
    colour: { primaries: ['bt709'], transfer: ['bt709'], matrix: ['bt709'] },
  },
  audio: { codec: ['aac'], sampleRate: [48000, 96000], layouts: [{ name: '2.0', channels: 2 }, { name: '2.0+5.1', channels: 8 }] },
  sources: { 'YT-ENC': { title: 'YouTube recommended upload encoding settings', url: 'https://support.google.com/youtube/answer/1722171', tier: 'primary' } },
  provenance: { '/container': ['YT-ENC', 'P'], '/video': ['YT-ENC', 'P'], '/audio': ['YT-ENC', 'P'] },
};

export const AS11_UKDPP_HD: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'uk.as11-ukdpp-hd',
  name: 'UK DPP programme file, AMWA AS-11 UK DPP HD',
  owner: 'DPP / AMWA',
  kind: 'broadcast',
  edition: 'AS-11 UK DPP HD shim v1.1',
  source: { title: 'AMWA AS-11 UK DPP HD specification', url: 'https://github.com/AMWA-TV/AS-11_UK_DPP_HD' },
  container: { format: ['mxf'] },
  video: {
    codec: [{ name: 'h264', profile: ['high422intra'] }],
    raster: [{ width: 1920, height: 1080 }],
    frameRate: { allowed: ['25'] },
    scan: ['interlaced'],
    bitDepth: [10],
    colour: { primaries: ['bt709'], transfer: ['bt709'], matrix: ['bt709'] },
  },
  audio: { codec: ['pcm'], sampleRate: [48000], bitDepth: [24], channelsPerStream: 1, channels: [4, 16] },
  loudness: {
    combine: 'all',
    entries: [{ id: 'r128', method: 'program-gated', standard: 'ITU-R BS.1770 (EBU Tech 3341 meter)', target: -23, tolerance: { minus: 0.5, plus: 0.5 }, truePeakMax: -1 }],
  },
  timecode: { start: '10:00:00:00', dropFrame: 'ndf' },
  captions: { embedded: 'forbidden' },
  sources: {
    'AMWA-UKDPP': { title: 'AMWA AS-11 UK DPP HD shim v1.1', url: 'https://github.com/AMWA-TV/AS-11_UK_DPP_HD', tier: 'primary' },
    'EBU-R128': { title: 'EBU R 128', url: 'https://tech.ebu.ch/publications/r128', tier: 'primary' },
    'DPP-LOUD': { title: 'DPP audio loudness', url: 'https://www.digitalproductionpartnership.co.uk/what-we-do/technical-specifications/audio-loudness/', tier: 'primary' },
    'BMX-AS11': { title: 'bbc/bmx AS-11 examples (example timecodes only)', url: 'https://github.com/bbc/bmx', tier: 'primary' },
  },
  provenance: {
    '/container': ['AMWA-UKDPP', 'P'],
    '/video': ['AMWA-UKDPP', 'P'],
    '/video/colour': ['AMWA-UKDPP', 'U'],
    '/audio': ['AMWA-UKDPP', 'P'],
    '/loudness/entries/0/target': ['EBU-R128', 'P'],
    '/loudness/entries/0/tolerance': ['DPP-LOUD', 'U'],
    '/loudness/entries/0/truePeakMax': ['EBU-R128', 'P'],
    '/timecode/start': ['BMX-AS11', 'U'],
    '/timecode/dropFrame': ['AMWA-UKDPP', 'P'],
    '/captions': ['AMWA-UKDPP', 'P'],
  },
};

export const EBU_R128: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'ebu.r128',
  name: 'EBU R 128 programme loudness',
  owner: 'EBU',
  kind: 'loudness-only',
  edition: 'R 128 v4.0 (2020)',
  source: { title: 'EBU R 128', url: 'https://tech.ebu.ch/publications/r128' },
  loudness: {
    combine: 'all',
    entries: [{ id: 'programme', method: 'program-gated', standard: 'ITU-R BS.1770 (gated) / EBU Tech 3341', target: -23, tolerance: { minus: 0.5, plus: 0.5 }, truePeakMax: -1 }],
  },
  sources: { 'EBU-R128': { title: 'EBU R 128', url: 'https://tech.ebu.ch/publications/r128', tier: 'primary' } },
  provenance: { '/loudness': ['EBU-R128', 'P'] },
};

export const EBU_R128_S1: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'ebu.r128.s1',
  name: 'EBU R 128 s1 short-form (ads, promos, trailers)',
  owner: 'EBU',
  kind: 'loudness-only',
  edition: 'R 128 s1 (2016 revision)',
  source: { title: 'EBU R 128 s1', url: 'https://tech.ebu.ch/publications/r128s1' },
  extends: 'ebu.r128',
  loudness: {
    combine: 'all',
    entries: [{ id: 'short-form', method: 'program-gated', standard: 'ITU-R BS.1770 (gated) / EBU Tech 3341', target: -23, tolerance: { minus: 0.5, plus: 0.5 }, truePeakMax: -1, shortTermMax: -18 }],
  },
  sources: { 'EBU-R128S1': { title: 'EBU R 128 s1 (short-form)', url: 'https://tech.ebu.ch/publications/r128s1', tier: 'secondary' } },
  provenance: { '/loudness': ['EBU-R128S1', 'S'] },
};

export const ATSC_A85: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'atsc.a85',
  name: 'US broadcast loudness (ATSC A/85:2013, CALM Act)',
  owner: 'ATSC / FCC',
  kind: 'loudness-only',
  edition: 'A/85:2013 (BS.1770-3); FCC rules effective 2012-12-13',
  source: { title: 'ATSC A/85:2013 (values via trade press)', url: 'https://www.atsc.org/' },
  loudness: {
    combine: 'all',
    entries: [{ id: 'a85', method: 'program-gated', standard: 'ITU-R BS.1770-3', target: -24, tolerance: { minus: 2, plus: 2 }, truePeakMax: -2 }],
  },
  sources: { 'ATSC-A85': { title: 'ATSC A/85:2013 (not read directly)', url: 'https://www.atsc.org/', tier: 'secondary' } },
  provenance: { '/loudness/entries/0': ['ATSC-A85', 'S'], '/loudness/entries/0/truePeakMax': ['ATSC-A85', 'U'] },
};

export const DCP_2K_FLAT: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'dci.dcp.2k-flat',
  name: 'DCI DCP picture and sound track files, 2K flat (1.85)',
  owner: 'DCI / ISDCF',
  kind: 'cinema',
  edition: 'DCI DCSS (version not pinned)',
  source: { title: 'Secondary summaries of the DCI Digital Cinema System Specification' },
  container: { format: ['mxf'] },
  video: {
    codec: [{ name: 'jpeg2000' }],
    raster: [{ width: 1998, height: 1080, name: '1998x1080 (2K flat 1.85)' }],
    frameRate: { allowed: ['24', '48'] },
    bitDepth: [12],
    chroma: ['4:4:4'],
    colour: { primaries: ['smpte428'], transfer: ['smpte428'] },
  },
  audio: { codec: ['pcm'], sampleRate: [48000, 96000], bitDepth: [24], channels: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] },
  naming: { convention: 'dcnc' },
  sources: {
    'DCI-SEC': { title: 'Secondary summaries of the DCI spec', url: null, tier: 'secondary' },
    'FFMPEG-CLI': { title: 'ffmpeg colour tag names', url: 'https://ffmpeg.org/ffmpeg-codecs.html', tier: 'primary' },
    DCNC: { title: 'ISDCF Digital Cinema Naming Convention', url: 'https://isdcf.com/dcnc/', tier: 'primary' },
  },
  provenance: {
    '/container': ['DCI-SEC', 'S'],
    '/video': ['DCI-SEC', 'S'],
    '/video/chroma': ['DCI-SEC', 'U'],
    '/video/colour': ['FFMPEG-CLI', 'U'],
    '/audio': ['DCI-SEC', 'S'],
    '/naming': ['DCNC', 'P'],
  },
};

export const DCP_2K_SCOPE: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'dci.dcp.2k-scope',
  name: 'DCI DCP picture and sound track files, 2K scope (2.39)',
  owner: 'DCI / ISDCF',
  kind: 'cinema',
  edition: 'DCI DCSS (version not pinned)',
  source: { title: 'Secondary summaries of the DCI Digital Cinema System Specification' },
  extends: 'dci.dcp.2k-flat',
  video: { raster: [{ width: 2048, height: 858, name: '2048x858 (2K scope 2.39)' }] },
  provenance: { '/video/raster': ['DCI-SEC', 'S'] },
};

export const SOCIAL_VERTICAL: DeliveryProfile = {
  $schema: 'picturelock.profile/1',
  id: 'social.vertical-9x16',
  name: 'Social vertical video 9:16 (TikTok in-feed style)',
  owner: 'TikTok',
  kind: 'social',
  edition: 'TikTok ads help aid=6669199281502552069',
  source: { title: 'TikTok in-feed ad video specs', url: 'https://ads.tiktok.com/help/article?aid=6669199281502552069' },
  container: { format: ['mp4', 'mov', 'mpeg', '3gp', 'avi'], maxFileBytes: 500000000 },
  duration: { min: { seconds: 5 }, max: { seconds: 60 } },
  video: { dar: ['9:16'], raster: [{ minWidth: 720, minHeight: 1280, name: 'at least 720x1280 (1080x1920 recommended)' }] },
  sources: { 'TIKTOK-ADS': { title: 'TikTok in-feed ad video specs', url: 'https://ads.tiktok.com/help/article?aid=6669199281502552069', tier: 'primary' } },
  provenance: { '/container': ['TIKTOK-ADS', 'P'], '/duration': ['TIKTOK-ADS', 'P'], '/video': ['TIKTOK-ADS', 'P'] },
};

/** Every built-in profile, in the order `profiles list` shows them. */
export const SPEC_BUILTIN_PROFILES: readonly DeliveryProfile[] = [
  NETFLIX_PRORES,
  AMAZON_PVD,
  APPLE_PRORES,
  YOUTUBE_SDR,
  AS11_UKDPP_HD,
  EBU_R128,
  EBU_R128_S1,
  ATSC_A85,
  DCP_2K_FLAT,
  DCP_2K_SCOPE,
  SOCIAL_VERTICAL,
];
