// The contact form endpoint: POST a JSON form, get 200 {"ok": true} once one
// email is on its way. Client mistakes are 4xx with a reason; 5xx only when
// SES (or this code) fails, never because of what a client sent.

import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { corsHeaders, preflightHeaders } from './cors.mjs';
import { contactEmail } from './message.mjs';
import { isJsonContentType, parseJsonBody, readRequest } from './request.mjs';
import { emptyResponse, jsonResponse } from './responses.mjs';
import { isHoneypotFilled, validateSubmission } from './validate.mjs';

export function createHandler({ ses, config, log = console, now = () => new Date() }) {
  return async function handler(event) {
    let cors = corsHeaders(undefined, config.allowedOrigin);
    try {
      const request = readRequest(event);
      cors = corsHeaders(request.origin, config.allowedOrigin);
      return await respond(request, cors);
    } catch (error) {
      log.error(JSON.stringify({ event: 'contact-form.unexpected-error', error: describe(error) }));
      return jsonResponse(500, { error: 'Something went wrong on our side. Please try again later.' }, cors);
    }
  };

  async function respond(request, cors) {
    if (request.method === 'OPTIONS') {
      return emptyResponse(204, preflightHeaders(request.origin, config.allowedOrigin));
    }
    if (request.method !== 'POST') {
      return jsonResponse(405, { error: 'Use POST to send the contact form.' }, { ...cors, allow: 'POST, OPTIONS' });
    }
    if (!isJsonContentType(request.headers['content-type'])) {
      return jsonResponse(415, { error: 'Send the form as application/json.' }, cors);
    }
    const body = parseJsonBody(request);
    if (body.error) return jsonResponse(body.status, { error: body.error }, cors);
    const form = body.value;
    if (typeof form !== 'object' || form === null || Array.isArray(form)) {
      return jsonResponse(400, { error: 'Request body must be a JSON object with name, email and message.' }, cors);
    }
    // Checked before validation: a bot must get the success answer whatever else it sent.
    if (isHoneypotFilled(form)) {
      log.info(JSON.stringify({ event: 'contact-form.honeypot', sourceIp: request.sourceIp }));
      return jsonResponse(200, { ok: true }, cors);
    }
    const { submission, errors } = validateSubmission(form);
    if (errors) return jsonResponse(400, { errors }, cors);

    const email = contactEmail(submission, config, { receivedAt: now(), sourceIp: request.sourceIp });
    try {
      const result = await ses.send(new SendEmailCommand(email));
      log.info(JSON.stringify({ event: 'contact-form.sent', messageId: result?.MessageId }));
    } catch (error) {
      log.error(JSON.stringify({ event: 'contact-form.ses-failed', error: describe(error) }));
      return jsonResponse(502, { error: 'Your message could not be sent right now. Please try again later.' }, cors);
    }
    return jsonResponse(200, { ok: true }, cors);
  }
}

function describe(error) {
  return {
    name: error?.name,
    message: error?.message,
    httpStatusCode: error?.$metadata?.httpStatusCode,
    requestId: error?.$metadata?.requestId,
  };
}
