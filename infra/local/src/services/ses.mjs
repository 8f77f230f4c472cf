// SES (v1 Query and v2 REST-JSON): after the gateway has checked the signature, the call goes to
// aws-ses-v2-local unchanged; its store (GET /store on the SES port) holds what was sent.
import { request as httpRequest } from 'node:http';
import { awsError } from '../gateway/errors.mjs';

export function createSesService({ sesPort }) {
  return {
    handle({ request, res }) {
      const headers = { ...request.headers, host: `127.0.0.1:${sesPort}`, 'content-length': String(request.body.length) };
      delete headers['transfer-encoding'];
      delete headers.expect;
      return new Promise((resolve, reject) => {
        const upstream = httpRequest({ host: '127.0.0.1', port: sesPort, method: request.method, path: request.rawPath + (request.rawQuery ? `?${request.rawQuery}` : ''), headers }, up => {
          const chunks = [];
          up.on('data', c => chunks.push(c));
          up.on('end', () => {
            const body = Buffer.concat(chunks);
            const out = { ...up.headers, 'content-length': String(body.length) };
            delete out['transfer-encoding'];
            delete out.connection;
            res.writeHead(up.statusCode, out);
            res.end(body);
            resolve();
          });
        });
        upstream.on('error', err => reject(awsError(503, 'ServiceUnavailable', `the SES emulator on port ${sesPort} did not answer: ${err.message}`)));
        upstream.end(request.body);
      });
    },
  };
}
