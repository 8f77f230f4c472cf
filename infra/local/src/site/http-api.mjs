// The contact API as infra/modules/contact-api declares it (rendered: `model.edge`): an API Gateway
// HTTP API whose routes (route_key) go to AWS_PROXY integrations with payload format 2.0, and whose
// cors_configuration API Gateway applies itself (it answers preflights and replaces the
// integration's CORS headers). A request no route matches gets API Gateway's 404
// {"message":"Not Found"}. API Gateway invokes the integration's function alias as the service
// principal, which the function's permission (aws_lambda_permission) must allow for that route.
import { randomUUID } from 'node:crypto';
import { readBody } from '../gateway/request.mjs';
import { EdgeConfigError } from './edge-config-error.mjs';
import { httpApiEvent, httpApiResponse } from './http-api-event.mjs';

const INVOKE_URI = /^arn:aws[\w-]*:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/(arn:aws[\w-]*:lambda:([^:]+):(\d{12}):function:([^:/]+))(?::([^/]+))?\/invocations$/;

/**
 * The API, its stage, routes and CORS, and for each route the function (and qualifier) it invokes.
 * @param {{ api: object, model: object }} options api: a rendered aws_apigatewayv2_api entry
 */
export function httpApiSpec({ api, model }) {
  const { edge } = model;
  const config = api.config;
  const where = path => `${api.origin}.${path}`;
  if (config.protocol_type !== 'HTTP') throw new EdgeConfigError(`${where('protocol_type')} is ${config.protocol_type}: the local edge models HTTP APIs only`);
  const corsBlock = config.cors_configuration?.[0];
  const cors = corsBlock ? {
    allowOrigins: corsBlock.allow_origins ?? [],
    allowMethods: corsBlock.allow_methods ?? [],
    allowHeaders: corsBlock.allow_headers ?? [],
    exposeHeaders: corsBlock.expose_headers ?? [],
    maxAge: corsBlock.max_age ?? undefined,
    allowCredentials: corsBlock.allow_credentials === true,
  } : null;
  const stage = edge.stages.find(s => s.config.api_id === config.id);
  if (!stage) throw new EdgeConfigError(`${api.origin}: no aws_apigatewayv2_stage of this API is rendered, so it serves nothing`);

  const routes = edge.routes.filter(r => r.config.api_id === config.id).map(route => {
    const at = path => `${route.origin}.${path}`;
    const authorization = route.config.authorization_type ?? 'NONE';
    if (authorization !== 'NONE') throw new EdgeConfigError(`${at('authorization_type')} is ${authorization}: authorizers are not modelled by the local edge`);
    const integrationId = /^integrations\/(.+)$/.exec(route.config.target ?? '')?.[1];
    const integration = edge.integrations.find(i => i.config.id === integrationId);
    if (!integration) throw new EdgeConfigError(`${at('target')} is ${route.config.target}, which names no rendered integration`);
    const { integration_type: type, payload_format_version: payload = '1.0', integration_uri: uri } = integration.config;
    if (type !== 'AWS_PROXY' || payload !== '2.0') throw new EdgeConfigError(`${integration.origin}: the local edge models AWS_PROXY integrations with payload format 2.0, not ${type} ${payload}`);
    const target = INVOKE_URI.exec(uri ?? '');
    if (!target) throw new EdgeConfigError(`${integration.origin}.integration_uri is ${uri}, not a Lambda function's invoke ARN`);
    const [, functionArn, region, , functionName, qualifier] = target;
    if (!model.functions.some(f => f.arn === functionArn)) throw new EdgeConfigError(`${integration.origin}.integration_uri invokes ${functionArn}, which infra/ does not render`);
    return { routeKey: route.config.route_key, target: { functionArn, functionName, region, qualifier }, ...routeMatcher(route.config.route_key, at('route_key')) };
  });
  return { name: api.origin, cors, routes, executionArn: config.execution_arn, stage: stage.config.name, account: api.account, region: api.region, host: new URL(config.api_endpoint).host };
}

/** "POST /api/contact", "ANY /items/{id}", "GET /files/{proxy+}", "$default" → { method, match(path) }. */
function routeMatcher(routeKey, where) {
  if (routeKey === '$default') return { method: 'ANY', priority: 3, match: () => true };
  const m = /^(ANY|GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/\S*)$/.exec(routeKey);
  if (!m) throw new EdgeConfigError(`${where} is ${JSON.stringify(routeKey)}, not "<METHOD> /path"`);
  const [, method, path] = m;
  const source = path.split('/').map(segment => {
    if (/^\{[^}]+\+\}$/.test(segment)) return '.+';
    if (/^\{[^}]+\}$/.test(segment)) return '[^/]+';
    return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }).join('/');
  const priority = path.includes('+}') ? 2 : path.includes('{') ? 1 : 0;
  const regex = new RegExp(`^${source}$`);
  return { method, priority, match: p => regex.test(p) };
}

/**
 * The API as a request handler: (request) → { status, headers, body: Buffer }.
 * @param {{ spec: ReturnType<typeof httpApiSpec>, functions: object, runtime: object, authorizer: object, log: Function }} options
 */
export function createHttpApi({ spec, functions, runtime, authorizer, log }) {
  const routes = [...spec.routes].sort((a, b) => a.priority - b.priority);

  return async function handle({ method, path, query, headers, bodyStream, sourceIp }) {
    const requestId = randomUUID();
    const origin = headers.origin;
    if (spec.cors && method === 'OPTIONS' && origin && headers['access-control-request-method']) {
      // API Gateway answers preflights itself when CORS is configured, whatever the routes.
      bodyStream.resume();
      const out = { 'apigw-requestid': requestId };
      if (originAllowed(spec.cors, origin)) {
        out['access-control-allow-origin'] = spec.cors.allowOrigins.includes('*') ? '*' : origin;
        if (spec.cors.allowMethods.length) out['access-control-allow-methods'] = spec.cors.allowMethods.join(',');
        if (spec.cors.allowHeaders.length) out['access-control-allow-headers'] = spec.cors.allowHeaders.join(',');
        if (spec.cors.maxAge !== undefined) out['access-control-max-age'] = String(spec.cors.maxAge);
        if (spec.cors.allowCredentials) out['access-control-allow-credentials'] = 'true';
      }
      return { status: 204, headers: out, body: Buffer.alloc(0) };
    }
    const route = routes.find(r => (r.method === 'ANY' || r.method === method) && r.match(path));
    let response;
    if (!route) {
      bodyStream.resume();
      response = json(404, { message: 'Not Found' });
    } else {
      response = await invoke({ route, method, path, query, headers, bodyStream, sourceIp });
    }
    response.headers['apigw-requestid'] = requestId;
    if (spec.cors) {
      for (const name of Object.keys(response.headers)) if (name.startsWith('access-control-')) delete response.headers[name];
      if (origin && originAllowed(spec.cors, origin)) {
        response.headers['access-control-allow-origin'] = spec.cors.allowOrigins.includes('*') ? '*' : origin;
        if (spec.cors.exposeHeaders.length) response.headers['access-control-expose-headers'] = spec.cors.exposeHeaders.join(',');
        if (spec.cors.allowCredentials) response.headers['access-control-allow-credentials'] = 'true';
      }
    }
    return response;
  };

  async function invoke({ route, method, path, query, headers, bodyStream, sourceIp }) {
    const { functionArn, functionName, region, qualifier } = route.target;
    const fn = functions.find(functionName, region);
    const version = fn && functions.resolveQualifier(fn, qualifier);
    const snapshot = version && functions.snapshot(fn, version);
    if (!snapshot || snapshot.placeholder) {
      bodyStream.resume();
      return json(503, { message: `${functionName} has no code deployed yet (${qualifier ?? '$LATEST'} → version ${version ?? 'none'} is the placeholder): run ./build.sh Deploy` });
    }
    // API Gateway calls Lambda as the service; the function's permission decides, for this route.
    const invokedArn = qualifier ? `${functionArn}:${qualifier}` : functionArn;
    try {
      await authorizer.authorize({
        principal: { service: 'apigateway.amazonaws.com' }, action: 'lambda:InvokeFunction', resource: invokedArn, protocol: 'rest-json',
        operation: 'apigateway Invoke', sourceArn: `${spec.executionArn}/${spec.stage}/${method}${path}`, sourceAccount: spec.account,
      });
    } catch (err) {
      bodyStream.resume();
      log(`site: API Gateway may not invoke ${invokedArn}: ${err.message}`);
      return json(500, { message: 'Internal Server Error' });
    }
    const body = await readBody(bodyStream, 10 * 1024 * 1024);
    const event = httpApiEvent({
      method, path, rawQuery: query, headers: { ...headers, host: spec.host }, body, sourceIp,
      accountId: spec.account, routeKey: route.routeKey,
    });
    const configuration = functions.configuration(fn, version);
    configuration.FunctionArn = invokedArn;
    const outcome = await runtime.invoke({ configuration, snapshot, event });
    if (outcome.functionError) {
      log(`site: ${functionName}:${version} failed: ${outcome.payload}`);
      return json(500, { message: 'Internal Server Error' });
    }
    const response = httpApiResponse(outcome.payload);
    return { status: response.status, headers: response.headers, body: response.body };
  }
}

function originAllowed(cors, origin) {
  return cors.allowOrigins.includes('*') || cors.allowOrigins.includes(origin);
}

function json(status, value) {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}
