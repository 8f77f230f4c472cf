// aws_cloudfront_response_headers_policy → the headers CloudFront adds to responses, with the
// values CloudFront writes for each setting, and the policy's override semantics: a header with
// override = true replaces the origin's; otherwise the origin's value wins when it sent one.
import { EdgeConfigError } from './edge-config-error.mjs';

const SUPPORTED = new Set(['name', 'comment', 'id', 'arn', 'etag', 'security_headers_config', 'custom_headers_config', 'remove_headers_config']);

/**
 * @param {ReturnType<import('./edge-configuration.mjs').renderedResource>} policy the rendered aws_cloudfront_response_headers_policy
 * @returns {{ name: string, headers: {name: string, value: string, override: boolean}[], remove: string[] }}
 */
export function responseHeadersPolicy(policy) {
  for (const [key, value] of Object.entries(policy.entry.config)) {
    if (!SUPPORTED.has(key) && value !== null && !(Array.isArray(value) && value.length === 0)) {
      throw new EdgeConfigError(`${policy.at(key)} is not modelled by the local edge: add it to infra/local/src/site/response-headers-policy.mjs`);
    }
  }
  const headers = [];
  const add = (name, value, block) => headers.push({ name, value, override: policy.value(`${block}.override`) === true });
  policy.blocks('security_headers_config').forEach((config, c) => {
    for (const kind of Object.keys(config).filter(k => config[k]?.length)) {
      const block = `security_headers_config[${c}].${kind}[0]`;
      const value = (name, options) => policy.value(`${block}.${name}`, options);
      switch (kind) {
        case 'strict_transport_security': {
          let header = `max-age=${value('access_control_max_age_sec')}`;
          if (value('include_subdomains', { optional: true }) === true) header += '; includeSubDomains';
          if (value('preload', { optional: true }) === true) header += '; preload';
          add('strict-transport-security', header, block);
          break;
        }
        case 'content_type_options':
          add('x-content-type-options', 'nosniff', block);
          break;
        case 'frame_options':
          add('x-frame-options', value('frame_option'), block);
          break;
        case 'referrer_policy':
          add('referrer-policy', value('referrer_policy'), block);
          break;
        case 'xss_protection': {
          let header = value('protection') === true ? '1' : '0';
          if (header === '1' && value('mode_block', { optional: true }) === true) header += '; mode=block';
          const report = value('report_uri', { optional: true });
          if (header.startsWith('1') && report) header += `; report=${report}`;
          add('x-xss-protection', header, block);
          break;
        }
        case 'content_security_policy':
          add('content-security-policy', value('content_security_policy'), block);
          break;
        default:
          throw new EdgeConfigError(`${policy.at(block)} is not modelled by the local edge: add it to infra/local/src/site/response-headers-policy.mjs`);
      }
    }
  });
  policy.blocks('custom_headers_config').forEach((config, c) => {
    (config.items ?? []).forEach((_, i) => {
      const block = `custom_headers_config[${c}].items[${i}]`;
      add(String(policy.value(`${block}.header`)).toLowerCase(), String(policy.value(`${block}.value`)), block);
    });
  });
  const remove = [];
  policy.blocks('remove_headers_config').forEach((config, c) => {
    (config.items ?? []).forEach((_, i) => remove.push(String(policy.value(`remove_headers_config[${c}].items[${i}].header`)).toLowerCase()));
  });
  return Object.freeze({ name: policy.entry.origin, headers: Object.freeze(headers), remove: Object.freeze(remove) });
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
