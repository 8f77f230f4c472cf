// The local edge's configuration, taken from the model infra/ renders (infra/checks/src/render,
// `model.edge`) and nothing else: the distribution of infra/modules/static-site (origins,
// behaviours, allowed methods, function associations with the functions' code, response
// headers policies, custom error responses, default root object) and the HTTP API of
// infra/modules/contact-api behind its custom origin (routes, integrations, CORS, stage). Which
// bucket and which API an origin is, and which function alias an integration invokes, follow from
// the rendered domain names and ARNs. What the edge does not model is refused, not ignored.
import { compileViewerRequestFunction } from './cloudfront-function.mjs';
import { EdgeConfigError } from './edge-config-error.mjs';
import { httpApiSpec } from './http-api.mjs';
import { pathPatternMatcher } from './path-pattern.mjs';
import { responseHeadersPolicy } from './response-headers-policy.mjs';

export { EdgeConfigError };

/**
 * A reader of one rendered resource: value(path) gives an evaluated argument, or fails in one
 * line naming where infra/ writes it and why it is not known.
 */
export function renderedResource(entry) {
  const at = path => `${entry.origin}.${path}`;
  const value = (path, { optional = false } = {}) => {
    const found = path.split(/\.|(?=\[)/).reduce((node, part) => {
      if (node === null || node === undefined) return undefined;
      const index = /^\[(\d+)\]$/.exec(part);
      return index ? node[Number(index[1])] : node[part];
    }, entry.config);
    if (found === null || found === undefined) {
      const reason = entry.unknown?.[path];
      if (reason) throw new EdgeConfigError(`${at(path)} is not known: ${reason}`);
      if (!optional) throw new EdgeConfigError(`${at(path)} is not set`);
      return undefined;
    }
    return found;
  };
  return { entry, at, value, blocks: path => value(path, { optional: true }) ?? [] };
}

/** The store a function reads with cf.kvs(): CloudFront associates at most one, and only with runtime 2.0. */
function associatedStore(fn, keyValueStores) {
  const arns = fn.blocks('key_value_store_associations');
  if (arns.length === 0) return undefined;
  if (arns.length > 1) throw new EdgeConfigError(`${fn.at('key_value_store_associations')} names ${arns.length} stores; CloudFront associates at most one with a function`);
  if (fn.value('runtime') !== 'cloudfront-js-2.0') throw new EdgeConfigError(`${fn.at('key_value_store_associations')}: a KeyValueStore needs runtime cloudfront-js-2.0, not ${fn.value('runtime')}`);
  if (!keyValueStores) throw new EdgeConfigError(`${fn.at('key_value_store_associations')} names ${arns[0]}, but the local edge was given no KeyValueStores to read`);
  if (!keyValueStores.arns.includes(arns[0])) throw new EdgeConfigError(`${fn.at('key_value_store_associations')} names ${arns[0]}, which infra/ renders no aws_cloudfront_key_value_store for in this account`);
  return { arn: arns[0], stores: keyValueStores };
}

/**
 * @param {{ model: object, keyValueStores?: import('../services/key-value-store/stores.mjs').KeyValueStores, log?: (line: string) => void }} options
 *   model: what renderEnvironment() returned; keyValueStores: the stores a function's cf.kvs() reads (the API's own)
 */
export function edgeConfiguration({ model, keyValueStores, log = () => {} }) {
  const { edge } = model;
  if (edge.distributions.length !== 1) throw new EdgeConfigError(`infra/ renders ${edge.distributions.length} CloudFront distributions for ${model.environment}; the local edge serves exactly one`);
  const distribution = renderedResource(edge.distributions[0]);
  const distributionArn = distribution.value('arn');

  const origins = new Map();
  distribution.blocks('origin').forEach((_, i) => {
    const path = `origin[${i}]`;
    const id = distribution.value(`${path}.origin_id`);
    const domain = distribution.value(`${path}.domain_name`);
    if (distribution.value(`${path}.origin_access_control_id`, { optional: true })) {
      const bucket = model.buckets.find(b => `${b.name}.s3.${b.region}.amazonaws.com` === domain);
      if (!bucket) throw new EdgeConfigError(`${distribution.at(`${path}.domain_name`)} is ${domain}, the regional domain of no bucket infra/ renders`);
      origins.set(id, { id, kind: 's3', bucket: bucket.name, distributionArn, account: edge.distributions[0].account });
    } else if (distribution.blocks(`${path}.custom_origin_config`).length) {
      const api = edge.httpApis.find(a => new URL(a.config.api_endpoint).host === domain);
      if (!api) throw new EdgeConfigError(`${distribution.at(`${path}.domain_name`)} is ${domain}, the host of no HTTP API infra/ renders: the local edge serves custom origins that are this environment's APIs`);
      origins.set(id, { id, kind: 'http-api', api: httpApiSpec({ api, model }) });
    } else throw new EdgeConfigError(`${distribution.at(path)}: neither an S3 origin (origin access control) nor a custom origin`);
  });

  const policies = new Map();
  const functions = new Map();
  const behaviour = (path, pathPattern) => {
    const originId = distribution.value(`${path}.target_origin_id`);
    const origin = origins.get(originId);
    if (!origin) throw new EdgeConfigError(`${distribution.at(`${path}.target_origin_id`)} names ${originId}, which no origin block declares`);
    let headersPolicy = null;
    const policyId = distribution.value(`${path}.response_headers_policy_id`, { optional: true });
    if (policyId) {
      const policy = edge.responseHeadersPolicies.find(p => p.config.id === policyId);
      if (!policy) throw new EdgeConfigError(`${distribution.at(`${path}.response_headers_policy_id`)} names no response headers policy infra/ renders (AWS-managed policies are not modelled)`);
      if (!policies.has(policyId)) policies.set(policyId, responseHeadersPolicy(renderedResource(policy)));
      headersPolicy = policies.get(policyId);
    }
    let viewerRequest = null;
    distribution.blocks(`${path}.function_association`).forEach((_, i) => {
      const association = `${path}.function_association[${i}]`;
      const eventType = distribution.value(`${association}.event_type`);
      if (eventType !== 'viewer-request') throw new EdgeConfigError(`${distribution.at(`${association}.event_type`)} ${eventType} is not modelled by the local edge (viewer-request is)`);
      const arn = distribution.value(`${association}.function_arn`);
      const fn = edge.functions.find(f => f.config.arn === arn);
      if (!fn) throw new EdgeConfigError(`${distribution.at(`${association}.function_arn`)} names ${arn}, which infra/ does not render`);
      if (!functions.has(arn)) {
        const code = renderedResource(fn);
        functions.set(arn, compileViewerRequestFunction({
          name: code.value('name'), code: code.value('code'), file: fn.origin, runtime: code.value('runtime'), log,
          keyValueStore: associatedStore(code, keyValueStores),
        }));
      }
      viewerRequest = functions.get(arn);
    });
    if (distribution.blocks(`${path}.lambda_function_association`).length) throw new EdgeConfigError(`${distribution.at(`${path}.lambda_function_association`)} is not modelled by the local edge`);
    return {
      pathPattern,
      match: pathPatternMatcher(pathPattern),
      allowedMethods: distribution.value(`${path}.allowed_methods`),
      origin,
      headersPolicy,
      viewerRequest,
    };
  };

  const behaviours = distribution.blocks('ordered_cache_behavior').map((_, i) => behaviour(`ordered_cache_behavior[${i}]`, distribution.value(`ordered_cache_behavior[${i}].path_pattern`)));
  if (!distribution.blocks('default_cache_behavior').length) throw new EdgeConfigError(`${distribution.at('default_cache_behavior')} is missing`);
  behaviours.push(behaviour('default_cache_behavior[0]', '*'));

  const errorResponses = new Map();
  distribution.blocks('custom_error_response').forEach((_, i) => {
    const path = `custom_error_response[${i}]`;
    errorResponses.set(Number(distribution.value(`${path}.error_code`)), {
      responseCode: distribution.value(`${path}.response_code`, { optional: true }),
      responsePagePath: distribution.value(`${path}.response_page_path`, { optional: true }),
    });
  });

  return Object.freeze({
    distribution: edge.distributions[0].origin,
    distributionId: distribution.value('id'),
    domainName: distribution.value('domain_name'),
    defaultRootObject: distribution.value('default_root_object', { optional: true }) ?? '',
    behaviours,
    errorResponses,
  });
}
