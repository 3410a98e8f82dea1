/**
 * The one XML reader for WeCom bodies (the outer envelope and the decrypted plaintext).
 * fast-xml-parser, configured so that nothing surprises us:
 *  - every value stays a string (MsgId 4561255354251345929 does not fit a JS number);
 *  - CDATA is merged into the text and never entity-decoded; values are not trimmed (message text is verbatim);
 *  - only the five XML entities and numeric character references are decoded; a DOCTYPE (the only way
 *    to declare entities) is refused outright, WeCom never sends one;
 *  - the document is validated first: the parser alone silently "repairs" truncated XML;
 *  - nesting is capped (WeCom's deepest element is 5 levels down) and anything the parser still throws on is a
 *    400 malformed_body like every other bad document, never a 500.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { reject, type Rejection } from '../contract.js';

export type XmlNode = Record<string, unknown>;

const XML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY_PATTERN = /&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g;
const MAX_CODE_POINT = 0x10ffff;
const REPEATED_ELEMENTS = new Set(['SelectedItem', 'OptionId']);
/** Deepest element nesting accepted; WeCom's own documents go 5 levels deep (xml/SelectedItems/SelectedItem/OptionIds/OptionId). */
export const MAX_XML_DEPTH = 32;
/** The parser's own words are quoted up to this length: for unclosed tags it lists every open one. */
const MAX_DETAIL_CHARS = 200;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > MAX_DETAIL_CHARS ? `${flat.slice(0, MAX_DETAIL_CHARS)}…` : flat;
}

function decodeEntities(text: string): string {
  return text.replace(ENTITY_PATTERN, (match, entity: string) => {
    if (!entity.startsWith('#')) return XML_ENTITIES[entity] ?? match;
    const codePoint = entity.startsWith('#x') ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return codePoint > 0 && codePoint <= MAX_CODE_POINT ? String.fromCodePoint(codePoint) : match;
  });
}

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  processEntities: true,
  entityDecoder: {
    decode: decodeEntities,
    setExternalEntities: () => undefined,
    addInputEntities: () => undefined,
    reset: () => undefined,
    setXmlVersion: () => undefined,
  },
  isArray: (tagName) => REPEATED_ELEMENTS.has(tagName),
  maxNestedTags: MAX_XML_DEPTH,
});

/** What is being parsed, for the rejection message. */
export interface XmlLabel {
  en: string;
  zh: string;
}

function malformed(what: XmlLabel, detail: string, detailZh: string): Rejection {
  return reject(400, 'malformed_body', `${what.en} is not valid WeCom XML: ${detail}.`, `${what.zh}不是合法的企业微信 XML：${detailZh}。`);
}

/** Parse a WeCom XML document; `root` holds the children of its `<xml>` element. */
export function readXml(text: string, what: XmlLabel): { root: XmlNode } | Rejection {
  if (/<!DOCTYPE/i.test(text)) return malformed(what, 'DOCTYPE declarations are not accepted', '不接受 DOCTYPE 声明');
  let document: XmlNode;
  try {
    const validation = XMLValidator.validate(text);
    if (validation !== true) {
      return malformed(what, `${shorten(validation.err.msg)} (line ${validation.err.line})`, `第 ${validation.err.line} 行解析失败`);
    }
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return /nested/i.test(detail)
      ? malformed(what, `elements are nested more than ${MAX_XML_DEPTH} levels deep`, `元素嵌套超过 ${MAX_XML_DEPTH} 层`)
      : malformed(what, `the parser refused it (${shorten(detail)})`, '解析失败');
  }
  const root = document['xml'];
  if (root === undefined) return malformed(what, 'the root element must be <xml>', '根元素必须是 <xml>');
  if (typeof root === 'string') return { root: {} };
  return { root: root as XmlNode };
}

/** A leaf element's text, undefined when absent or empty; throws when the element is repeated or has children. */
export function textOf(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') throw new XmlShapeError(name);
  return value;
}

/** An element that should hold text but holds children or repeats. */
export class XmlShapeError extends Error {
  constructor(readonly field: string) {
    super(`${field} must be a single text element`);
  }
}
