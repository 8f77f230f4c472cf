// The edge as infra/ configures it: each CloudFront distribution with its evaluated arguments
// (origins, default and ordered cache behaviours, function associations, custom error
// responses), the response headers policies and CloudFront Functions (with their code) it
// uses, and the HTTP APIs behind it (routes, integrations, CORS). A local edge reads these and
// nothing else. Values AWS would only know after apply (a certificate's ARN) are null in
// `config`, and `unknown` says why, by path ("viewer_certificate[0].acm_certificate_arn").
import { force, isObject, isUnknown } from './values.mjs';

/** A forced value as plain JSON, every Unknown replaced by null and its reason noted under its path. */
function plain(value, unknown, at = '') {
  if (isUnknown(value)) {
    unknown[at] = value.reason;
    return null;
  }
  if (Array.isArray(value)) return value.map((item, i) => plain(item, unknown, `${at}[${i}]`));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v, unknown, at ? `${at}.${k}` : k)]));
  return value;
}

function evaluated(resource) {
  const unknown = {};
  const config = plain(force(resource), unknown);
  return { config, unknown };
}

/**
 * @param {(type: string) => { unit: object, resource: object }[]} collect instances of a resource type
 * @param {(resource: object) => { account: string, region: string }} providerOf
 * @param {(unit: object, resource: object) => string} origin where a resource is written
 */
export function edgeModel(collect, providerOf, origin) {
  const located = (type) => collect(type).map(({ unit, resource }) => ({
    ...providerOf(resource), origin: origin(unit, resource), ...evaluated(resource),
  }));
  return {
    distributions: located('aws_cloudfront_distribution'),
    responseHeadersPolicies: located('aws_cloudfront_response_headers_policy'),
    functions: located('aws_cloudfront_function'),
    httpApis: located('aws_apigatewayv2_api'),
    routes: located('aws_apigatewayv2_route'),
    integrations: located('aws_apigatewayv2_integration'),
    stages: located('aws_apigatewayv2_stage'),
  };
}
