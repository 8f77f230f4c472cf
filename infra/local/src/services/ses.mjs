// SES (v1 Query and v2 REST-JSON): sending is authorized by IAM as SES does it (ses:SendEmail,
// and ses:SendRawEmail for raw content, on the sender domain's identity, with ses:FromAddress),
// then the call goes to aws-ses-v2-local unchanged; its store (GET /store on the SES port) holds
// what was sent.
import { request as httpRequest } from 'node:http';
import { awsError } from '../gateway/errors.mjs';
import { formParameters } from '../gateway/request.mjs';

/** The address inside "Name <a@b>" or "a@b". */
const addressOf = from => (/<([^>]+)>/.exec(from)?.[1] ?? from ?? '').trim();

/** What a send asks for: actions, the From address; undefined for calls that send nothing. */
function sendRequest(request) {
  if (request.method === 'POST' && request.rawPath === '/v2/email/outbound-emails') {
    let body = {};
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch { /* the emulator answers the bad body */ }
    const raw = Boolean(body.Content?.Raw);
    return { api: 'v2', from: addressOf(body.FromEmailAddress), actions: raw ? ['ses:SendEmail', 'ses:SendRawEmail'] : ['ses:SendEmail'] };
  }
  const params = request.rawPath.startsWith('/v2/') ? {} : formParameters(request);
  if (params.Action === 'SendEmail') return { api: 'v1', from: addressOf(params.Source), actions: ['ses:SendEmail'] };
  if (params.Action === 'SendRawEmail') return { api: 'v1', from: addressOf(params.Source), actions: ['ses:SendRawEmail'] };
  return undefined;
}

export function createSesService({ sesPort, authorizer }) {
  return {
    async handle({ request, res, principal, region }) {
      const send = sendRequest(request);
      if (send?.from) {
        const identity = `arn:aws:ses:${region}:${principal.account}:identity/${send.from.split('@')[1]}`;
        for (const action of send.actions) {
          await authorizer.authorize({
            principal, action, resource: identity, region, protocol: send.api === 'v2' ? 'rest-json' : 'query', operation: `ses ${action.slice(4)}`,
            context: { 'ses:FromAddress': send.from, 'ses:ApiVersion': send.api === 'v2' ? '2' : '1' },
          });
        }
      }
      return forward(request, res, sesPort);
    },
  };
}

function forward(request, res, sesPort) {
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
}
