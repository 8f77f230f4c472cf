// The local environment's IAM and resources as infra/ renders them: the same Terraform modules and
// Terragrunt definitions that create the real accounts, evaluated by infra/checks' renderer with
// the names of environments.json. The local cloud holds no policy of its own.
import { dirname } from 'node:path';
import { renderEnvironment } from '../../../checks/src/render/index.mjs';

export class RenderError extends Error {}

/** @param {string} environmentsPath infra/environments.json (its folder is the infra/ that is rendered) */
export async function renderedModel(environmentsPath, environment = 'local') {
  try {
    return await renderEnvironment({ infraDir: dirname(environmentsPath), environment });
  } catch (err) {
    throw new RenderError(`cannot render the ${environment} environment's policies from ${dirname(environmentsPath)} (${err.message}): fix infra/ or run \`npm ci\` in infra/checks`);
  }
}
