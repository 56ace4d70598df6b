import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseXmlSafely, xmlChild, xmlChildren, xmlLocator, xmlText } from '../../interchange/xml.ts';

describe('parseXmlSafely', () => {
  it('keeps element order, attributes and decoded text', () => {
    const r = parseXmlSafely('<?xml version="1.0"?>\n<!DOCTYPE xmeml>\n<xmeml version="5">\n  <a x="1&amp;2">A &amp; B &#x41;&#66; &lt;</a>\n  <b/>\n  <a>second</a>\n</xmeml>');
    expect(r.findings).toEqual([]);
    const root = r.value!.root;
    expect(r.value!.doctype).toBe('xmeml');
    expect(root.attrs['version']).toBe('5');
    expect(root.children.map((c) => c.name)).toEqual(['a', 'b', 'a']);
    expect(root.children[0]!.attrs['x']).toBe('1&2');
    expect(root.children[0]!.text).toBe('A & B AB <');
    expect(xmlChildren(root, 'a').map((a) => a.text)).toEqual(['A & B AB <', 'second']);
    expect(root.text).toBe('');
    expect(r.value!.positionOf(xmlChild(root, 'b')!.offset)).toEqual({ line: 5, column: 3 });
  });

  it('keeps CDATA verbatim and treats __proto__ as an ordinary attribute', () => {
    const r = parseXmlSafely('<a __proto__="x" constructor="y"><![CDATA[<raw> & ]]></a>');
    expect(r.value!.root.attrs['__proto__']).toBe('x');
    expect(r.value!.root.attrs['constructor']).toBe('y');
    expect(r.value!.root.text).toBe('<raw> & ');
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it('refuses a DOCTYPE that declares entities (billion laughs) before expanding anything', () => {
    const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n<lolz>&lol2;</lolz>';
    const r = parseXmlSafely(lol, { file: 'bomb.xml' });
    expect(r.value).toBeUndefined();
    expect(r.findings.map((f) => [f.code, f.where.file, f.where.line, f.where.column])).toEqual([['XML_ENTITY_DECLARED', 'bomb.xml', 1, 22]]);
  });

  it('refuses nesting deeper than the limit with a positioned finding', () => {
    const deep = '<a>'.repeat(300) + '</a>'.repeat(300);
    const r = parseXmlSafely(deep);
    expect(r.value).toBeUndefined();
    expect(r.findings[0]!.code).toBe('XML_LIMIT_EXCEEDED');
    expect(r.findings[0]!.params).toEqual({ what: 'element nesting depth', limit: 256, actual: 257 });
    // the 257th <a> starts at character 256 * 3
    expect(r.findings[0]!.where.column).toBe(256 * 3 + 1);
  });

  it('refuses input over the size limit without reading it', () => {
    const r = parseXmlSafely('<a>0123456789</a>', { maxChars: 10 });
    expect(r.value).toBeUndefined();
    expect(r.findings[0]!.params).toEqual({ what: 'input size in characters', limit: 10, actual: 17 });
  });

  it('reports a mismatched tag at the validator position and still returns what it read', () => {
    const r = parseXmlSafely('<a>\n<b>text</c></a>');
    expect(r.findings[0]!.code).toBe('XML_SYNTAX_INVALID');
    expect([r.findings[0]!.where.line, r.findings[0]!.where.column]).toEqual([2, 8]);
    expect(xmlText(r.value!.root, 'b')).toBe('text');
  });

  it('reports a truncated document and returns the elements read so far', () => {
    const r = parseXmlSafely('<a><b>text</b>\n<c>trunc');
    expect(r.findings.map((f) => f.code)).toEqual(['XML_SYNTAX_INVALID']);
    expect(r.value!.root.children.map((c) => c.name)).toEqual(['b', 'c']);
  });

  it('keeps unknown entities as written, with a warning', () => {
    const r = parseXmlSafely('<a>&nbsp;x</a>');
    expect(r.value!.root.text).toBe('&nbsp;x');
    expect(r.findings.map((f) => [f.code, f.severity, f.where.column])).toEqual([['XML_ENTITY_UNKNOWN', 'warning', 4]]);
  });

  it('reports an empty input as having no root', () => {
    expect(parseXmlSafely('').findings.map((f) => f.code)).toEqual(['XML_ROOT_MISSING']);
    expect(parseXmlSafely('\uFEFF  ').findings.map((f) => f.code)).toEqual(['XML_ROOT_MISSING']);
  });

  it('locates offsets by line and column', () => {
    const at = xmlLocator('ab\ncd\n\nef');
    expect([at(0), at(3), at(4), at(7), at(8)]).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 2, column: 2 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });

  it('never throws on arbitrary text, and every finding has a line', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseXmlSafely(s);
        for (const f of r.findings) expect(f.where.line).toBeGreaterThanOrEqual(1);
        return r.value !== undefined || r.findings.length > 0;
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.array(fc.constantFrom('<a>', '</a>', '<b x="1">', '</b>', '<c/>', 'text', '&amp;', '&', '<', '<!--', '-->', '<![CDATA[', ']]>', '"', '<!DOCTYPE x [', ']>'), { maxLength: 40 }), (parts) => {
        const r = parseXmlSafely(parts.join(''));
        return r.value !== undefined || r.findings.length > 0;
      }),
      { numRuns: 1000 },
    );
  });
});
