import { describe, expect, it } from 'vitest';
import {
  NAMING_CONVENTION_DATA,
  checkNamingConvention,
  loadNamingConvention,
  namingConventionById,
  type NamingConvention,
} from '../../naming/convention.ts';
import { checkNamingFacts, namingFieldsFromFacts, namingRateFromLabel } from '../../naming/facts.ts';
import { frameRate } from '../../time/index.ts';

function conv(id: string): NamingConvention {
  const c = namingConventionById(id);
  if (!c) throw new Error(id);
  return c;
}

const messages = (name: string, c: NamingConvention, facts?: Parameters<typeof checkNamingConvention>[2]) => checkNamingConvention(name, c, facts).findings.map((f) => `${f.code}: ${f.message}`);

describe('DCNC (naming-and-manifests §1.3)', () => {
  it('reads the ISDCF example into its twelve fields', () => {
    const r = checkNamingConvention('MovieTitle_FTR_F_EN-XX_INT_51_2K_NULL_20230622_NUL_SMPTE_OV', conv('dcnc'));
    expect(r.findings).toEqual([]);
    expect(r.fields).toEqual({
      title: 'MovieTitle',
      type: 'FTR',
      aspect: 'F',
      language: 'EN-XX',
      territory: 'INT',
      audio: '51',
      res: '2K',
      studio: 'NULL',
      date: '2023-06-22',
      facility: 'NUL',
      standard: 'SMPTE',
      package: 'OV',
    });
  });

  it('reads the older generation without the standard field', () => {
    const r = checkNamingConvention('MOVIE-TITLE_FTR-1_F_EN-XX_US-PG_51-EN_2K_ST_20070115_FAC_OV', conv('dcnc'));
    expect(r.findings).toEqual([]);
    expect(r.fields).toEqual({
      title: 'MOVIE-TITLE',
      type: 'FTR-1',
      aspect: 'F',
      language: 'EN-XX',
      territory: 'US-PG',
      audio: '51-EN',
      res: '2K',
      studio: 'ST',
      date: '2007-01-15',
      facility: 'FAC',
      package: 'OV',
    });
  });

  it('names every wrong segment, with allowed values', () => {
    expect(messages('MovieTitle_FTR_X_EN-XX_INT_52_2K_NULL_20230622_NUL_SMPTE_OV', conv('dcnc'))).toEqual([
      'NAMING_VALUE_NOT_ALLOWED: `MovieTitle_FTR_X_EN-XX_INT_52_2K_NULL_20230622_NUL_SMPTE_OV`: segment 3 `X` is not an allowed aspect (allowed: F, S, C)',
      'NAMING_NAME_MISMATCH: `MovieTitle_FTR_X_EN-XX_INT_52_2K_NULL_20230622_NUL_SMPTE_OV`: segment 6 `52` does not match `{audio}`',
    ]);
    expect(messages('AVeryLongMovieTitle_FTR_S_EN-XX_INT_51_4K_NULL_20230622_NUL_IOP_VF', conv('dcnc'))).toEqual([
      'NAMING_NAME_TOO_LONG: `AVeryLongMovieTitle_FTR_S_EN-XX_INT_51_4K_NULL_20230622_NUL_IOP_VF`: segment 1 (title) `AVeryLongMovieTitle` is 19 characters, the limit is 14',
    ]);
  });

  it('checks the resolution and audio fields against the DCP', () => {
    const name = 'MovieTitle_FTR_F_EN-XX_INT_51_4K_NULL_20230622_NUL_SMPTE_OV';
    expect(messages(name, conv('dcnc'), { facts: { width: 1998, height: 1080, audioChannels: 2 } })).toEqual([
      'NAMING_FACT_MISMATCH: `MovieTitle_FTR_F_EN-XX_INT_51_4K_NULL_20230622_NUL_SMPTE_OV`: audio `51` but the media is stereo (2 channels)',
      'NAMING_FACT_MISMATCH: `MovieTitle_FTR_F_EN-XX_INT_51_4K_NULL_20230622_NUL_SMPTE_OV`: res `4K` but the media is 1998x1080',
    ]);
  });
});

describe('platform master (naming-and-manifests §1.1)', () => {
  it('reads the published ADM example, a title with underscores included', () => {
    const r = checkNamingConvention('chefs_table_s02e02_v04_PM_Nearfield_6ch_ADM_48k_24b_23976.wav', conv('platform-master'));
    expect(r.findings).toEqual([]);
    expect(r.fields).toEqual({
      title: 'chefs_table',
      season: '2',
      episode: '2',
      version: '4',
      element: 'PM',
      mix: 'Nearfield',
      audio: '6ch',
      format: 'ADM',
      samplerate: '48k',
      bitdepth: '24b',
      fps: '23976',
    });
  });

  it('says a 23976 name is not a 25 fps file, and UHD is not 1920x1080', () => {
    expect(messages('chefs_table_s02e02_v04_VDM_UHD_23976.mov', conv('platform-master'), { facts: { rate: frameRate(25), width: 1920, height: 1080 } })).toEqual([
      'NAMING_FACT_MISMATCH: `chefs_table_s02e02_v04_VDM_UHD_23976.mov`: res `UHD` but the media is 1920x1080',
      'NAMING_FACT_MISMATCH: `chefs_table_s02e02_v04_VDM_UHD_23976.mov`: fps `23976` but the media is 25 fps',
    ]);
  });

  it('refuses spaces', () => {
    expect(messages('chefs table_s02e02_v04_VDM_HD_23976.mov', conv('platform-master'), { facts: { rate: frameRate(25), width: 1920, height: 1080 } })).toEqual([
      'NAMING_ILLEGAL_CHARACTER: `chefs table_s02e02_v04_VDM_HD_23976.mov`: ` ` cannot be used in a file name on the portable delivery set',
      'NAMING_CHARACTER_NOT_ALLOWED: `chefs table_s02e02_v04_VDM_HD_23976.mov`: character ` ` at position 6 is not allowed (allowed: A-Za-z0-9._-)',
      'NAMING_NAME_MISMATCH: `chefs table_s02e02_v04_VDM_HD_23976`: segment 1 `chefs table` does not match `{title}`',
    ]);
  });
});

describe('house style and DPP', () => {
  it('checks a house name against the media and its siblings', () => {
    const name = 'ABC_03_v003_20261120.mov';
    expect(messages(name, conv('house'), { facts: { siblingVersions: [1, 2, 4] } })).toEqual([
      'NAMING_VERSION_SUPERSEDED: `ABC_03_v003_20261120.mov` is v003 but v004 already exists beside it',
    ]);
  });

  it('requires the .mxf extension for a DPP programme file', () => {
    expect(messages('DRA123456.mxf', conv('dpp-as11'))).toEqual([]);
    expect(messages('DRA123456.mov', conv('dpp-as11'))).toEqual([
      'NAMING_VALUE_NOT_ALLOWED: `DRA123456.mov`: segment 0 `.mov` is not an allowed extension (allowed: .mxf)',
    ]);
  });
});

describe('facts', () => {
  it('reads frame-rate labels as delivery names write them', () => {
    expect(['2398', '23976', '24', '25', '2997', '2997df', '5994', '50p', '23.976'].map((l) => namingRateFromLabel(l))).toEqual([
      { num: 24000, den: 1001, dropFrame: false },
      { num: 24000, den: 1001, dropFrame: false },
      { num: 24, den: 1, dropFrame: false },
      { num: 25, den: 1, dropFrame: false },
      { num: 30000, den: 1001, dropFrame: false },
      { num: 30000, den: 1001, dropFrame: true },
      { num: 60000, den: 1001, dropFrame: false },
      { num: 50, den: 1, dropFrame: false },
      { num: 24000, den: 1001, dropFrame: false },
    ]);
    expect(namingRateFromLabel('23')).toBeUndefined();
  });

  it('says 2398 on 25 fps, 51 on stereo, UHD on 1920x1080, a wrong start timecode', () => {
    const found = checkNamingFacts(
      'X',
      [
        { field: 'fps', text: '2398', value: '2398', fact: 'rate' },
        { field: 'audio', text: '51', value: '51', fact: 'audio' },
        { field: 'res', text: 'UHD', value: 'UHD', fact: 'resolution' },
        { field: 'tc', text: '00000000', value: '00000000', fact: 'timecode' },
      ],
      { rate: frameRate(25), audioChannels: 2, width: 1920, height: 1080, startTimecode: '10:00:00:00' },
    );
    expect(found.map((f) => [f.message, f.expected, f.actual])).toEqual([
      ['`X`: fps `2398` but the media is 25 fps', '25', '2398'],
      ['`X`: audio `51` but the media is stereo (2 channels)', '20', '51'],
      ['`X`: res `UHD` but the media is 1920x1080', 'HD', 'UHD'],
      ['`X`: tc `00000000` but the media is starting at 10:00:00:00', '10000000', '00000000'],
    ]);
  });

  it('is silent when the name agrees with the media or the label is unknown', () => {
    const found = checkNamingFacts(
      'X',
      [
        { field: 'fps', text: '2997', value: '2997', fact: 'rate' },
        { field: 'audio', text: '6ch', value: '6ch', fact: 'audio' },
        { field: 'res', text: '4K', value: '4K', fact: 'resolution' },
        { field: 'res', text: 'FULLAP', value: 'FULLAP', fact: 'resolution' },
      ],
      { rate: frameRate(30000, 1001, true), audioChannels: 6, width: 4096, height: 2160 },
    );
    expect(found).toEqual([]);
  });

  it('fills fields from the media', () => {
    expect(namingFieldsFromFacts({ width: 3840, height: 2160, rate: frameRate(24000, 1001), audioChannels: 6, startTimecode: '01:00:00:00' })).toEqual({
      fps: '23976',
      res: 'UHD',
      width: '3840',
      height: '2160',
      audio: '51',
      tc: '01000000',
    });
  });
});

describe('conventions are data validated by a schema', () => {
  it('every built-in convention loads', () => {
    expect(NAMING_CONVENTION_DATA.map((d) => loadNamingConvention(JSON.parse(JSON.stringify(d)), d.id).ok)).toEqual([true, true, true, true]);
  });

  it('refuses a bad convention with the path of each problem', () => {
    const r = loadNamingConvention(
      {
        schema: 'NamingConvention.1',
        id: 'Bad Id',
        title: 'x',
        templates: ['{a}{b}', '{a}_{c}'],
        fields: { a: { allowed: [] }, c: { pattern: '(' }, z: { maxLength: 3 } },
        extension: 'sometimes',
      },
      'bad.json',
    );
    expect(r.ok ? [] : r.error.map((f) => f.message)).toEqual([
      'bad.json: id: use lower-case letters, digits and -',
      'bad.json: fields.a.allowed: Too small: expected array to have >=1 items',
      'bad.json: extension: Invalid input',
    ]);
    const r2 = loadNamingConvention({ schema: 'NamingConvention.1', id: 'bad', title: 'x', templates: ['{a}{b}', '{a}_{c}'], fields: { c: { pattern: '(' }, z: { maxLength: 3 } } }, 'bad.json');
    expect(r2.ok ? [] : r2.error.map((f) => f.message)).toEqual([
      'bad.json: fields.c.pattern: Invalid regular expression: /^(?:()$/: Unterminated group',
      'bad.json: templates.0: `{a}` and `{b}` can meet with no separator between them, so a name cannot be split back into the two fields; put a separator such as `_` between them or give one a fixed width',
    ]);
  });
});
