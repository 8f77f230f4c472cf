// AWS-shaped errors. Each service family has its own wire shape; clients (the .NET SDK, botocore,
// the JS SDK) read the code from these exact places, so the shape matters as much as the code.
import { randomUUID } from 'node:crypto';
import { el, xmlDocument } from '../xml.mjs';

export class AwsError extends Error {
  /** @param {{status:number, code:string, message:string, fields?:object, headers?:object, type?:string}} e */
  constructor({ status, code, message, fields, headers, type }) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
    this.headers = headers ?? {};
    this.type = type ?? (status >= 500 ? 'Receiver' : 'Sender');
  }
}

export const awsError = (status, code, message, extra = {}) => new AwsError({ status, code, message, ...extra });

const NAMESPACES = {
  sts: 'https://sts.amazonaws.com/doc/2011-06-15/',
  cloudfront: 'http://cloudfront.amazonaws.com/doc/2020-05-31/',
  ses: 'http://ses.amazonaws.com/doc/2010-12-01/',
};

/** Which wire shape a request's errors take: decided by service and, for SES, by API version. */
export function protocolOf(service, path = '/', contentType = '') {
  switch (service) {
    case 's3': return 's3';
    case 'sts': return 'query';
    case 'cloudfront': return 'rest-xml';
    case 'kms': return 'json';
    case 'lambda': return 'rest-json';
    case 'cloudfront-keyvaluestore': return 'rest-json';
    case 'ses': return path.startsWith('/v2/') ? 'rest-json' : 'query';
    default: return contentType.includes('amz-json') ? 'json' : 'query';
  }
}

export function sendAwsError(res, err, { service, protocol, method = 'GET' }) {
  const requestId = randomUUID();
  const headers = { 'x-amzn-requestid': requestId, ...err.headers };
  let contentType;
  let body;
  switch (protocol) {
    case 's3':
      headers['x-amz-request-id'] = requestId.replace(/-/g, '').slice(0, 16).toUpperCase();
      contentType = 'application/xml';
      body = xmlDocument(el('Error', [
        el('Code', err.code), el('Message', err.message),
        ...Object.entries(err.fields).map(([k, v]) => el(k, v)),
        el('RequestId', headers['x-amz-request-id']), el('HostId', 'local-cloud'),
      ]));
      break;
    case 'json':
      contentType = 'application/x-amz-json-1.1';
      body = JSON.stringify({ __type: err.code, message: err.message });
      break;
    case 'rest-json':
      contentType = 'application/json';
      headers['x-amzn-errortype'] = err.code;
      body = JSON.stringify({ Type: err.type === 'Sender' ? 'User' : 'Service', Message: err.message, ...err.fields });
      break;
    default: {
      const ns = NAMESPACES[service];
      contentType = 'text/xml';
      body = xmlDocument(el('ErrorResponse', [
        el('Error', [el('Type', err.type), el('Code', err.code), el('Message', err.message)]),
        el('RequestId', requestId),
      ], ns ? { xmlns: ns } : undefined));
    }
  }
  headers['content-type'] = contentType;
  // HEAD responses carry no body; S3 clients then read the status and x-amz-* headers only.
  const payload = method === 'HEAD' ? '' : body;
  headers['content-length'] = Buffer.byteLength(method === 'HEAD' ? '' : body);
  res.writeHead(err.status, headers);
  res.end(payload);
}
