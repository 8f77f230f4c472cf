// The local edge's configuration, read from infra/ and nothing else: the distribution of
// infra/modules/static-site (behaviours, allowed methods, function associations, response headers
// policy, custom error responses, default root object) and, for its API origin, the HTTP API of
// infra/modules/contact-api. Terragrunt's unit definitions (infra/live/_envcommon) supply the
// module inputs that have no default, evaluated against environments.json's local environment.
import { join } from 'node:path';
import { compileViewerRequestFunction } from './cloudfront-function.mjs';
import { httpApiSpec } from './http-api.mjs';
import { pathPatternMatcher } from './path-pattern.mjs';
import { responseHeadersPolicy } from './response-headers-policy.mjs';
import { EdgeConfigError, loadTerraform } from './terraform-module.mjs';

/**
 * @param {{ infraDir: string, root: string, topology: object, log?: (line: string) => void }} options
 *   infraDir: the infra/ folder; root: what file names in messages are relative to (the repository).
 */
export async function loadEdgeConfiguration({ infraDir, root, topology, log = () => {} }) {
  const envFunction = topology.contactForm ?? {};
  const apiUnit = await loadTerraform(join(infraDir, 'live', '_envcommon', 'contact-api.hcl'), { root, locals: { function: envFunction } });
  const siteUnit = await loadTerraform(join(infraDir, 'live', '_envcommon', 'static-site.hcl'), { root });
  const site = await loadTerraform(join(infraDir, 'modules', 'static-site'), { root, inputs: lazyInputs(siteUnit) });
  const api = await loadTerraform(join(infraDir, 'modules', 'contact-api'), { root, inputs: lazyInputs(apiUnit) });

  const distributions = site.resources('aws_cloudfront_distribution');
  if (distributions.length !== 1) throw new EdgeConfigError(`${site.dir}: expected one aws_cloudfront_distribution, found ${distributions.length}`);
  const [distribution] = distributions;
  const where = `${distribution.file}: ${distribution.address}`;
  const body = distribution.body;

  const origins = new Map();
  site.blocksOf(body, 'origin').forEach((origin, i) => {
    const at = `${where}.origin[${i}]`;
    const id = site.attribute(origin, 'origin_id', at);
    if (origin.origin_access_control_id || site.blocksOf(origin, 's3_origin_config').length) {
      origins.set(id, { id, kind: 's3', bucket: topology.site.bucket });
    } else if (site.blocksOf(origin, 'custom_origin_config').length) {
      origins.set(id, { id, kind: 'http-api', ...apiOrigin(origin, at, siteUnit) });
    } else throw new EdgeConfigError(`${at}: neither an S3 origin (origin access control) nor a custom origin`);
  });

  const policies = new Map();
  const functions = new Map();
  const behaviour = (block, at, pathPattern) => {
    const originId = site.attribute(block, 'target_origin_id', at);
    const origin = origins.get(originId);
    if (!origin) throw new EdgeConfigError(`${at}.target_origin_id names ${originId}, which no origin block declares`);
    let headersPolicy = null;
    if ('response_headers_policy_id' in block) {
      const ref = site.attribute(block, 'response_headers_policy_id', at);
      const resource = site.resolveReference(ref, `${at}.response_headers_policy_id`, 'aws_cloudfront_response_headers_policy');
      if (!policies.has(resource.address)) policies.set(resource.address, responseHeadersPolicy(site, resource));
      headersPolicy = policies.get(resource.address);
    }
    let viewerRequest = null;
    site.blocksOf(block, 'function_association').forEach((association, i) => {
      const aw = `${at}.function_association[${i}]`;
      const eventType = site.attribute(association, 'event_type', aw);
      if (eventType !== 'viewer-request') throw new EdgeConfigError(`${aw}.event_type ${eventType} is not modelled by the local edge (viewer-request is)`);
      const resource = site.resolveReference(site.attribute(association, 'function_arn', aw), `${aw}.function_arn`, 'aws_cloudfront_function');
      if (!functions.has(resource.address)) functions.set(resource.address, loadFunction(site, resource, log));
      viewerRequest = functions.get(resource.address);
    });
    if (site.blocksOf(block, 'lambda_function_association').length) throw new EdgeConfigError(`${at}.lambda_function_association is not modelled by the local edge`);
    return {
      pathPattern,
      match: pathPatternMatcher(pathPattern),
      allowedMethods: site.attribute(block, 'allowed_methods', at),
      origin,
      headersPolicy,
      viewerRequest,
    };
  };

  const behaviours = site.blocksOf(body, 'ordered_cache_behavior').map((block, i) => {
    const at = `${where}.ordered_cache_behavior[${i}]`;
    return behaviour(block, at, site.attribute(block, 'path_pattern', at));
  });
  const [defaultBlock] = site.blocksOf(body, 'default_cache_behavior');
  if (!defaultBlock) throw new EdgeConfigError(`${where}.default_cache_behavior is missing`);
  behaviours.push(behaviour(defaultBlock, `${where}.default_cache_behavior`, '*'));
  for (const b of behaviours) if (b.viewerRequest) b.viewerRequest = await b.viewerRequest;

  const errorResponses = new Map();
  site.blocksOf(body, 'custom_error_response').forEach((block, i) => {
    const at = `${where}.custom_error_response[${i}]`;
    errorResponses.set(Number(site.attribute(block, 'error_code', at)), {
      responseCode: site.attribute(block, 'response_code', at, { optional: true }),
      responsePagePath: site.attribute(block, 'response_page_path', at, { optional: true }),
    });
  });

  return Object.freeze({
    distribution: distribution.address,
    defaultRootObject: site.attribute(body, 'default_root_object', where, { optional: true }) ?? '',
    behaviours,
    errorResponses,
    api: behaviours.some(b => b.origin.kind === 'http-api') ? httpApiSpec(api) : null,
  });
}

async function loadFunction(module, resource, log) {
  const where = `${resource.file}: ${resource.address}`;
  const code = module.attribute(resource.body, 'code', where);
  if (!code || typeof code.read !== 'function') throw new EdgeConfigError(`${where}.code must be file("\${path.module}/<file>")`);
  return compileViewerRequestFunction({
    name: resource.address,
    code: await code.read(),
    file: code.file,
    runtime: module.attribute(resource.body, 'runtime', where),
    log,
  });
}

/**
 * A custom origin is served locally only when it is the contact API: its domain_name is a variable
 * that the Terragrunt unit fills from the contact-api unit's output.
 */
function apiOrigin(origin, at, siteUnit) {
  const variable = /^\$\{var\.(\w+)\}$/.exec(origin.domain_name ?? '')?.[1];
  const input = variable && siteUnit.topLevelAttribute('inputs')?.body?.[variable];
  const dependency = /^\$\{dependency\.(\w+)\.outputs\.\w+\}$/.exec(input ?? '')?.[1];
  const configPath = dependency && siteUnit.topLevelAttribute('dependency')?.body?.[dependency]?.[0]?.config_path;
  if (!configPath || !/\/contact-api$/.test(configPath)) {
    throw new EdgeConfigError(`${at}.domain_name: the local edge serves a custom origin only when it is the contact-api unit's API (var.<name> filled from dependency.<contact-api>.outputs in infra/live/_envcommon/static-site.hcl)`);
  }
  return { variable, dependency };
}

/** A Terragrunt unit's `inputs`, each evaluated only when a module reads it. */
function lazyInputs(unit) {
  const inputs = {};
  const declared = unit.topLevelAttribute('inputs');
  for (const [name, raw] of Object.entries(declared?.body ?? {})) {
    Object.defineProperty(inputs, name, { enumerable: true, get: () => unit.evaluate(raw, `${declared.file}: inputs.${name}`) });
  }
  return inputs;
}
