// A CloudFront Function (viewer-request) run in Node: the code file Terraform uploads, its
// handler(event) called with the event CloudFront Functions build, and the result read back as
// CloudFront reads it: an object with statusCode is a response sent to the viewer, anything
// else is the (possibly changed) request that goes on to the origin.
import { randomUUID } from 'node:crypto';
import vm from 'node:vm';
import { keyValueStoreModule } from './key-value-store-helper.mjs';
import { withModuleImports } from './function-imports.mjs';

const RUNTIMES = new Set(['cloudfront-js-1.0', 'cloudfront-js-2.0']);

export class FunctionExecutionError extends Error {}

/**
 * @param {{ name: string, code: string, file: string, runtime: string, log?: (line: string) => void,
 *   keyValueStore?: { arn: string, stores: import('../services/key-value-store/stores.mjs').KeyValueStores } }} spec
 *   keyValueStore: the store associated with the function (key_value_store_associations), read by cf.kvs()
 * @returns {{ name: string, run(request: object, context: object): Promise<{ request?: object, response?: object }> }}
 */
export function compileViewerRequestFunction({ name, code, file, runtime, log = () => {}, keyValueStore }) {
  if (!RUNTIMES.has(runtime)) throw new Error(`${file}: runtime ${runtime} is not a CloudFront Functions runtime the local edge knows (${[...RUNTIMES].join(', ')})`);
  // Runtime 2.0 has the 'cloudfront' module (its cf.kvs() reads the associated store); 1.0 has no module of ours.
  const modules = runtime === 'cloudfront-js-2.0' ? { cloudfront: () => keyValueStoreModule({ name, keyValueStore }) } : {};
  const sandbox = {
    console: { log: (...args) => log(`cloudfront function ${name}: ${args.map(String).join(' ')}`) },
    require: moduleName => {
      if (Object.hasOwn(modules, moduleName)) return modules[moduleName]();
      throw new Error(`module "${moduleName}" is not available to ${name} in the local edge`);
    },
  };
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  const script = withModuleImports(code, { file, runtime });
  new vm.Script(`${script}\n;globalThis.__handler = typeof handler === 'function' ? handler : undefined;`, { filename: file }).runInContext(context, { timeout: 1000 });
  const handler = context.__handler;
  if (!handler) throw new Error(`${file}: defines no handler(event) function`);

  return {
    name,
    async run(request, { distributionId, distributionDomainName, viewerIp }) {
      const event = {
        version: '1.0',
        context: { distributionDomainName, distributionId, eventType: 'viewer-request', requestId: randomUUID().replace(/-/g, '') },
        viewer: { ip: viewerIp },
        request: toEventRequest(request),
      };
      // The event crosses into the sandbox as JSON text, so the function gets objects of its own realm.
      const eventInSandbox = JSON.stringify(event);
      let result;
      try {
        result = await vm.runInContext('(h, e) => h(JSON.parse(e))', context)(handler, eventInSandbox);
      } catch (err) {
        throw new FunctionExecutionError(`${name} threw: ${err?.message ?? err}`);
      }
      if (result === null || typeof result !== 'object') throw new FunctionExecutionError(`${name} returned ${typeof result}, not a request or a response`);
      const plain = JSON.parse(JSON.stringify(result));
      return 'statusCode' in plain ? { response: fromEventResponse(plain) } : { request: fromEventRequest(plain, request) };
    },
  };
}

/** { method, uri, query (raw), headers (node's lower-case object) } → the event's request. */
function toEventRequest({ method, uri, query, headers }) {
  const querystring = {};
  for (const [name, value] of new URLSearchParams(query)) addMulti(querystring, name, value);
  const eventHeaders = {};
  const cookies = {};
  for (const [name, value] of Object.entries(headers)) {
    for (const v of [].concat(value)) {
      if (name === 'cookie') {
        for (const pair of String(v).split(/;\s*/).filter(Boolean)) {
          const eq = pair.indexOf('=');
          addMulti(cookies, eq < 0 ? pair : pair.slice(0, eq), eq < 0 ? '' : pair.slice(eq + 1));
        }
      } else addMulti(eventHeaders, name, String(v));
    }
  }
  return { method, uri, querystring, headers: eventHeaders, cookies };
}

function addMulti(target, name, value) {
  const existing = target[name];
  if (!existing) target[name] = { value };
  else {
    existing.multiValue ??= [{ value: existing.value }];
    existing.multiValue.push({ value });
  }
}

function values(entry) {
  return entry.multiValue?.length ? entry.multiValue.map(v => String(v.value)) : [String(entry.value ?? '')];
}

function fromEventRequest(result, original) {
  const headers = {};
  for (const [name, entry] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = values(entry).join(',');
  const cookies = Object.entries(result.cookies ?? {}).flatMap(([name, entry]) => values(entry).map(v => `${name}=${v}`));
  if (cookies.length) headers.cookie = cookies.join('; ');
  const query = new URLSearchParams();
  for (const [name, entry] of Object.entries(result.querystring ?? {})) for (const v of values(entry)) query.append(name, v);
  return { method: original.method, uri: typeof result.uri === 'string' ? result.uri : original.uri, query: query.toString(), headers };
}

function fromEventResponse(result) {
  const headers = {};
  for (const [name, entry] of Object.entries(result.headers ?? {})) headers[name.toLowerCase()] = values(entry).join(',');
  const setCookies = Object.entries(result.cookies ?? {}).map(([name, entry]) => `${name}=${entry.value ?? ''}${entry.attributes ? `; ${entry.attributes}` : ''}`);
  if (setCookies.length) headers['set-cookie'] = setCookies;
  let body = Buffer.alloc(0);
  if (typeof result.body === 'string') body = Buffer.from(result.body);
  else if (result.body && typeof result.body === 'object') body = Buffer.from(String(result.body.data ?? ''), result.body.encoding === 'base64' ? 'base64' : 'utf8');
  return { status: Number(result.statusCode), headers, body };
}
