// aws_cloudfront_response_headers_policy → the headers CloudFront adds to responses, with the
// values CloudFront writes for each setting, and the policy's override semantics: a header with
// override = true replaces the origin's; otherwise the origin's value wins when it sent one.
import { EdgeConfigError } from './terraform-module.mjs';

const SUPPORTED = new Set(['name', 'comment', 'security_headers_config', 'custom_headers_config', 'remove_headers_config']);

/**
 * @returns {{ name: string, headers: {name: string, value: string, override: boolean}[], remove: string[] }}
 */
export function responseHeadersPolicy(module, resource) {
  const where = `${resource.file}: ${resource.address}`;
  for (const key of Object.keys(resource.body)) {
    if (!SUPPORTED.has(key)) throw new EdgeConfigError(`${where}.${key} is not modelled by the local edge: add it to infra/local/src/site/response-headers-policy.mjs`);
  }
  const headers = [];
  const add = (name, value, block, blockWhere) => headers.push({ name, value, override: module.attribute(block, 'override', blockWhere) === true });
  for (const config of module.blocksOf(resource.body, 'security_headers_config')) {
    const at = name => `${where}.security_headers_config.${name}`;
    for (const kind of Object.keys(config)) {
      const body = module.blocksOf(config, kind)[0];
      const w = at(kind);
      switch (kind) {
        case 'strict_transport_security': {
          let value = `max-age=${module.attribute(body, 'access_control_max_age_sec', w)}`;
          if (module.attribute(body, 'include_subdomains', w, { optional: true }) === true) value += '; includeSubDomains';
          if (module.attribute(body, 'preload', w, { optional: true }) === true) value += '; preload';
          add('strict-transport-security', value, body, w);
          break;
        }
        case 'content_type_options':
          add('x-content-type-options', 'nosniff', body, w);
          break;
        case 'frame_options':
          add('x-frame-options', module.attribute(body, 'frame_option', w), body, w);
          break;
        case 'referrer_policy':
          add('referrer-policy', module.attribute(body, 'referrer_policy', w), body, w);
          break;
        case 'xss_protection': {
          let value = module.attribute(body, 'protection', w) === true ? '1' : '0';
          if (value === '1' && module.attribute(body, 'mode_block', w, { optional: true }) === true) value += '; mode=block';
          const report = module.attribute(body, 'report_uri', w, { optional: true });
          if (value.startsWith('1') && report) value += `; report=${report}`;
          add('x-xss-protection', value, body, w);
          break;
        }
        case 'content_security_policy':
          add('content-security-policy', module.attribute(body, 'content_security_policy', w), body, w);
          break;
        default:
          throw new EdgeConfigError(`${w} is not modelled by the local edge: add it to infra/local/src/site/response-headers-policy.mjs`);
      }
    }
  }
  for (const config of module.blocksOf(resource.body, 'custom_headers_config')) {
    module.blocksOf(config, 'items').forEach((item, i) => {
      const w = `${where}.custom_headers_config.items[${i}]`;
      add(String(module.attribute(item, 'header', w)).toLowerCase(), String(module.attribute(item, 'value', w)), item, w);
    });
  }
  const remove = [];
  for (const config of module.blocksOf(resource.body, 'remove_headers_config')) {
    module.blocksOf(config, 'items').forEach((item, i) => {
      remove.push(String(module.attribute(item, 'header', `${where}.remove_headers_config.items[${i}]`)).toLowerCase());
    });
  }
  return Object.freeze({ name: resource.address, headers: Object.freeze(headers), remove: Object.freeze(remove) });
}

/** The response's headers (lower-case names) after the policy: returns a new object. */
export function applyHeadersPolicy(policy, headers) {
  if (!policy) return headers;
  const out = { ...headers };
  for (const name of policy.remove) delete out[name];
  for (const { name, value, override } of policy.headers) {
    if (override || out[name] === undefined) out[name] = value;
  }
  return out;
}
