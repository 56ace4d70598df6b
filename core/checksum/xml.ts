import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { finding, type Finding } from '../findings/index.ts';

/** Manifests larger than this are refused (a 1-million-file manifest is about 300 MB). */
export const MHL_MAX_XML_CHARS = 512 * 1024 * 1024;
/** MHL nests 5 deep (hashlist/processinfo/roothash/content/xxh64); anything past this is not an MHL. */
const MAX_NESTING = 32;

/** A parsed XML element as fast-xml-parser gives it: attributes under `@_`, text under `#text`. */
export type XmlNode = { readonly [key: string]: unknown };

/**
 * Parses MHL XML with namespaces stripped, every value kept as text (hashes like `1234` stay
 * strings), and DOCTYPE / entity declarations refused before the parser sees them.
 */
export function parsedMhlXml(text: string, file: string): { root?: XmlNode; findings: Finding[] } {
  if (text.length > MHL_MAX_XML_CHARS) {
    return { findings: [finding('INPUT_LIMIT_EXCEEDED', { what: file, limit: `${MHL_MAX_XML_CHARS} characters`, actual: `${text.length}` }, { where: { file } })] };
  }
  const doctype = /<!DOCTYPE|<!ENTITY/i.exec(text);
  if (doctype) {
    const line = text.slice(0, doctype.index).split('\n').length;
    return { findings: [finding('MHL_XML_ENTITY_REFUSED', { file }, { where: { file, line } })] };
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    return { findings: [finding('MHL_XML_INVALID', { file, reason: valid.err.msg }, { where: { file, line: valid.err.line, column: valid.err.col } })] };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    alwaysCreateTextNode: true,
    processEntities: { enabled: true, maxEntityCount: 0 },
    maxNestedTags: MAX_NESTING,
    isArray: (name) => ARRAY_TAGS.has(name),
  });
  try {
    return { root: parser.parse(text) as XmlNode, findings: [] };
  } catch (e) {
    return { findings: [finding('MHL_XML_INVALID', { file, reason: e instanceof Error ? e.message : String(e) }, { where: { file } })] };
  }
}

/** Elements that may repeat; always arrays so one and many read the same. */
const ARRAY_TAGS = new Set(['hash', 'directoryhash', 'hashlist', 'author', 'pattern', 'hashlistreference', 'md5', 'sha1', 'xxh64', 'xxh3', 'xxh128', 'c4', 'xxhash', 'xxhash64', 'xxhash64be', 'null', 'path', 'file']);

/** The child elements named `name` (none when absent). */
export function childrenOf(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const v = (node as XmlNode)[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (x && typeof x === 'object' ? (x as XmlNode) : { '#text': String(x) }));
}

export function childOf(node: unknown, name: string): XmlNode | undefined {
  return childrenOf(node, name)[0];
}

export function textOf(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node !== 'object') return String(node);
  const t = (node as XmlNode)['#text'];
  return t === undefined ? '' : String(t);
}

export function attrOf(node: unknown, name: string): string | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const v = (node as XmlNode)[`@_${name}`];
  return v === undefined ? undefined : String(v);
}

/** Escapes text for an element body or a double-quoted attribute. */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
