// Writing successful AWS responses.
import { xmlDocument } from '../xml.mjs';

export function send(res, status, headers, body = '') {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-length': Buffer.byteLength(payload), ...headers });
  res.end(payload);
}

export const sendXml = (res, status, xml, headers = {}, requestId) =>
  send(res, status, { 'content-type': 'text/xml', ...(requestId ? { 'x-amzn-requestid': requestId } : {}), ...headers }, xmlDocument(xml));

export const sendJson = (res, status, value, { contentType = 'application/json', headers = {}, requestId } = {}) =>
  send(res, status, { 'content-type': contentType, ...(requestId ? { 'x-amzn-requestid': requestId } : {}), ...headers }, JSON.stringify(value));

/** Dates as the XML protocols write them: ISO 8601 with seconds. */
export const isoSeconds = ms => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
