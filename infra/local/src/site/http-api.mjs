// The contact API as infra/modules/contact-api declares it: an API Gateway HTTP API whose routes
// (route_key) go to AWS_PROXY integrations with payload format 2.0, and whose cors_configuration
// API Gateway applies itself (it answers preflights and replaces the integration's CORS headers).
// A request no route matches gets API Gateway's 404 {"message":"Not Found"}.
//
// Wired by hand, because Terraform resolves them only at apply time: the integration's
// integration_uri (module.function.alias_invoke_arn) is the alias of functions.contact-form in
// environments.json, and before a deploy (placeholder code) the local API answers 503.
import { randomUUID } from 'node:crypto';
import { httpApiEvent, httpApiResponse } from './http-api-event.mjs';
import { EdgeConfigError } from './terraform-module.mjs';

/**
 * Reads the API, its routes and CORS from the module.
 * @returns {{ name: string, cors: object|null, routes: {routeKey: string, method: string, match(path: string): boolean}[] }}
 */
export function httpApiSpec(module) {
  const apis = module.resources('aws_apigatewayv2_api');
  if (apis.length !== 1) throw new EdgeConfigError(`${module.dir}: expected one aws_apigatewayv2_api, found ${apis.length}`);
  const [api] = apis;
  const where = `${api.file}: ${api.address}`;
  const protocol = module.attribute(api.body, 'protocol_type', where);
  if (protocol !== 'HTTP') throw new EdgeConfigError(`${where}.protocol_type is ${protocol}: the local edge models HTTP APIs only`);
  const [corsBlock] = module.blocksOf(api.body, 'cors_configuration');
  const cors = corsBlock ? {
    allowOrigins: module.attribute(corsBlock, 'allow_origins', `${where}.cors_configuration`, { optional: true }) ?? [],
    allowMethods: module.attribute(corsBlock, 'allow_methods', `${where}.cors_configuration`, { optional: true }) ?? [],
    allowHeaders: module.attribute(corsBlock, 'allow_headers', `${where}.cors_configuration`, { optional: true }) ?? [],
    exposeHeaders: module.attribute(corsBlock, 'expose_headers', `${where}.cors_configuration`, { optional: true }) ?? [],
    maxAge: module.attribute(corsBlock, 'max_age', `${where}.cors_configuration`, { optional: true }),
    allowCredentials: module.attribute(corsBlock, 'allow_credentials', `${where}.cors_configuration`, { optional: true }) === true,
  } : null;

  const routes = module.resources('aws_apigatewayv2_route').map(route => {
    const at = `${route.file}: ${route.address}`;
    const authorization = module.attribute(route.body, 'authorization_type', at, { optional: true }) ?? 'NONE';
    if (authorization !== 'NONE') throw new EdgeConfigError(`${at}.authorization_type is ${authorization}: authorizers are not modelled by the local edge`);
    const routeKey = module.attribute(route.body, 'route_key', at);
    const target = /^integrations\/\$\{(.+)\}$/.exec(route.body.target ?? '');
    if (!target) throw new EdgeConfigError(`${at}.target must be "integrations/\${aws_apigatewayv2_integration.<name>.id}"`);
    const integration = module.resolveReference(module.expression(target[1], `${at}.target`), `${at}.target`, 'aws_apigatewayv2_integration');
    const iw = `${integration.file}: ${integration.address}`;
    const type = module.attribute(integration.body, 'integration_type', iw);
    const payload = module.attribute(integration.body, 'payload_format_version', iw, { optional: true }) ?? '1.0';
    if (type !== 'AWS_PROXY' || payload !== '2.0') throw new EdgeConfigError(`${iw}: the local edge models AWS_PROXY integrations with payload format 2.0, not ${type} ${payload}`);
    return { routeKey, ...routeMatcher(routeKey, `${at}.route_key`) };
  });
  return { name: api.address, cors, routes };
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
 * @param {{ spec: ReturnType<typeof httpApiSpec>, topology: object, functions: object, runtime: object, log: Function }} options
 */
export function createHttpApi({ spec, topology, functions, runtime, log }) {
  const region = topology.contactForm?.region ?? topology.site.region;
  const apiHost = `local.execute-api.${region}.amazonaws.com`;
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
    const target = topology.contactForm;
    const fn = target && functions.find(target.functionName, target.region);
    if (!fn) {
      bodyStream.resume();
      return json(500, { message: 'Internal Server Error' });
    }
    const version = functions.resolveQualifier(fn, target.alias);
    const snapshot = version && functions.snapshot(fn, version);
    if (!snapshot || snapshot.placeholder) {
      bodyStream.resume();
      return json(503, { message: `${target.functionName} has no code deployed yet (alias ${target.alias} → version ${version ?? 'none'} is the placeholder): run ./build.sh Deploy` });
    }
    const body = await readBody(bodyStream, 10 * 1024 * 1024);
    const event = httpApiEvent({
      method, path, rawQuery: query, headers: { ...headers, host: apiHost }, body, sourceIp,
      accountId: topology.accountId, routeKey: route.routeKey,
    });
    const configuration = functions.configuration(fn, version);
    configuration.FunctionArn = `${functions.functionArn(target)}:${target.alias}`;
    const outcome = await runtime.invoke({ configuration, snapshot, event });
    if (outcome.functionError) {
      log(`site: ${target.functionName}:${version} failed: ${outcome.payload}`);
      return json(500, { message: 'Internal Server Error' });
    }
    const response = httpApiResponse(outcome.payload);
    return { status: response.status, headers: response.headers, body: response.body };
  }
}

async function readBody(stream, limit) {
  const chunks = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > limit) throw new Error(`request body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function originAllowed(cors, origin) {
  return cors.allowOrigins.includes('*') || cors.allowOrigins.includes(origin);
}

function json(status, value) {
  return { status, headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify(value)) };
}
