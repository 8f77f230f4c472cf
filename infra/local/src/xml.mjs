// Small XML writer for AWS responses, and the parser used to read AWS request bodies.
import { XMLParser } from 'fast-xml-parser';

export const escapeXml = s =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/**
 * el('Name', 'text') → <Name>text</Name>; el('List', [el(...), el(...)]) nests;
 * undefined/null content drops the element (optional members).
 */
export function el(name, content, attributes) {
  if (content === undefined || content === null) return '';
  const attrs = attributes ? Object.entries(attributes).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('') : '';
  const inner = Array.isArray(content) ? content.join('') : escapeXml(content);
  return `<${name}${attrs}>${inner}</${name}>`;
}

export const xmlDocument = root => `<?xml version="1.0" encoding="UTF-8"?>\n${root}`;

const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, isArray: (name) => ['Path', 'Object', 'Part'].includes(name) });

export const parseXml = text => parser.parse(text);
