import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { namingComponentProblems, namingRelativePathProblems, sanitizedNamingComponent, utf8Length, type NamingTargetOs } from '../../naming/sanitize.ts';

const codes = (name: string, os: NamingTargetOs) => namingComponentProblems(name, os).map((f) => f.code);
const sanitised = (name: string, os: NamingTargetOs) => {
  const r = sanitizedNamingComponent(name, os);
  return r.ok ? r.value.name : `refused: ${r.error.message}`;
};

describe('legality per file system (naming-and-manifests §2)', () => {
  it('knows the Windows reserved device names, with or without an extension', () => {
    expect(['CON', 'con.txt', 'NUL.tar.gz', 'COM1.mov', 'LPT9', 'COM¹.wav', 'CONIN$', 'AUX .txt'].map((n) => codes(n, 'windows'))).toEqual(
      Array(8).fill(['NAMING_RESERVED_NAME']),
    );
    expect(['COM0', 'LPT0.txt', 'CONSOLE', 'NULL', 'xCON'].map((n) => codes(n, 'windows'))).toEqual(Array(5).fill([]));
    expect(codes('CON', 'linux')).toEqual([]);
  });

  it('knows the illegal characters of each system', () => {
    expect(namingComponentProblems('a<b>:c"|?*\u0001.mov', 'windows').map((f) => f.params['char'])).toEqual(['<', '>', ':', '"', '|', '?', '*', 'U+0001']);
    expect(codes('a:b', 'macos')).toEqual(['NAMING_ILLEGAL_CHARACTER']);
    expect(codes('a:b?', 'linux')).toEqual([]);
    expect(codes('a b.mov', 'portable')).toEqual(['NAMING_ILLEGAL_CHARACTER']);
    expect(codes('-rf.mov', 'portable')).toEqual(['NAMING_ILLEGAL_CHARACTER']);
  });

  it('refuses trailing dots and spaces on Windows only', () => {
    expect(codes('take 1.', 'windows')).toEqual(['NAMING_TRAILING_CHARACTER']);
    expect(codes('take 1 ', 'all')).toEqual(['NAMING_TRAILING_CHARACTER']);
    expect(codes('take 1.', 'macos')).toEqual([]);
  });

  it('measures length in UTF-16 units on Windows and UTF-8 bytes elsewhere', () => {
    const name = 'é'.repeat(200);
    expect(utf8Length(name)).toBe(400);
    expect(codes(name, 'windows')).toEqual([]);
    expect(namingComponentProblems(name, 'linux').map((f) => f.message)).toEqual([`\`${name}\` is 400 UTF-8 bytes; Linux allows 255`]);
  });

  it('warns about names that are not NFC', () => {
    expect(codes('Cafe\u0301.mov', 'linux')).toEqual(['NAMING_NOT_NFC']);
  });

  it('refuses names that would leave their folder', () => {
    expect(['..', '.', '', '../etc', 'a/b', 'a\\b'].map((n) => sanitised(n, 'linux'))).toEqual([
      'refused: `..` is refused: `..` names a folder, not a file in it',
      'refused: `.` is refused: `.` names a folder, not a file in it',
      'refused: `` is refused: a name cannot be empty',
      'refused: `../etc` is refused: it contains a path separator, so it would leave its folder',
      'refused: `a/b` is refused: it contains a path separator, so it would leave its folder',
      'refused: `a\\b` is refused: it contains a path separator, so it would leave its folder',
    ]);
    expect(namingRelativePathProblems('/etc/passwd', 'all').map((f) => f.message)).toEqual(['`/etc/passwd` is refused: it is an absolute path']);
    expect(namingRelativePathProblems('C:\\x', 'all').map((f) => f.message)).toEqual(['`C:\\x` is refused: it is an absolute path']);
    expect(namingRelativePathProblems('show/../../x.mov', 'all').map((f) => f.message)).toEqual(['`show/../../x.mov` is refused: it climbs out of its folder with `..`']);
    expect(namingRelativePathProblems(`show/${'a'.repeat(200)}.mov`, 'all').map((f) => f.code)).toEqual(['NAMING_NAME_TOO_LONG']);
  });
});

describe('sanitising', () => {
  it('repairs names and lists every repair', () => {
    const r = sanitizedNamingComponent('Cafe\u0301: take?. ', 'windows');
    expect(r.ok && r.value.name).toBe('Café_ take_');
    expect(r.ok && r.value.findings.map((f) => f.message)).toEqual([
      '`Cafe\u0301: take?. ` became `Café: take?. `: normalised to Unicode NFC',
      '`Café: take?. ` became `Café_ take_. `: characters Windows refuses became _',
      '`Café_ take_. ` became `Café_ take_`: trailing dots and spaces removed',
    ]);
    expect(['CON.txt', 'nul', 'LPT1.tar.gz', 'good.mov'].map((n) => sanitised(n, 'all'))).toEqual(['CON_.txt', 'nul_', 'LPT1_.tar.gz', 'good.mov']);
    expect(sanitised('.hidden file.mov', 'portable')).toBe('_hidden_file.mov');
  });

  it('cuts long names to 255 while keeping the extension', () => {
    const out = sanitised(`${'ü'.repeat(300)}.mov`, 'all');
    // 251 bytes of room for the stem: 125 two-byte characters fit, a 126th would split.
    expect(utf8Length(out)).toBe(254);
    expect(out).toBe(`${'ü'.repeat(125)}.mov`);
  });

  it('property: every sanitised name is legal on Windows, macOS and Linux', () => {
    const nasty = fc.string({ unit: fc.oneof(fc.constantFrom('<', '>', ':', '"', '|', '?', '*', '.', ' ', '\u0000', '\u001f', 'é', 'e\u0301', '\ud800', 'CON', 'com1', 'LPT²'), fc.string({ unit: 'binary', maxLength: 2 })), maxLength: 300 });
    fc.assert(
      fc.property(nasty, (name) => {
        const r = sanitizedNamingComponent(name, 'all');
        if (!r.ok) return /[/\\]/.test(name) || name === '' || name === '.' || name === '..';
        for (const os of ['windows', 'macos', 'linux'] as const) {
          expect(namingComponentProblems(r.value.name, os)).toEqual([]);
        }
        return sanitizedNamingComponent(r.value.name, 'all').ok && (sanitizedNamingComponent(r.value.name, 'all') as { value: { name: string } }).value.name === r.value.name;
      }),
      { numRuns: 1000 },
    );
  });

  it('property: a portable name is legal everywhere and uses only [A-Za-z0-9._-]', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 }), (name) => {
        const r = sanitizedNamingComponent(name, 'portable');
        if (!r.ok) return true;
        expect(r.value.name).toMatch(/^[A-Za-z0-9_][A-Za-z0-9._-]*$/);
        expect(namingComponentProblems(r.value.name, 'all')).toEqual([]);
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
