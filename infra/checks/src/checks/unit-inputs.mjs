// Units and modules agree, and the names the build reads come from the same
// environments.json fields Terraform uses: every input is a variable of the
// unit's module and every required variable is given; the inputs below read
// exactly the field the build reads; every function setting a unit reads
// exists in environments.json for every environment. Inputs come from the
// unit and the files it includes; a wrong input is reported in the file that
// sets it, a missing one in the unit.
import { finding } from '../finding.mjs';
import { environmentModel } from '../environment-model.mjs';
import { labelled } from '../hcl-values.mjs';
import { unitModels } from '../unit-model.mjs';

export const name = 'unit-inputs';

// Names the build (Deploy) uses, by the module input that creates the thing:
// the input must be read from this environments.json field (path suffix).
export const BUILD_NAMES = [
  { module: 'deploy-role', input: 'role_arn', field: ['deployRole'] },
  { module: 'deploy-role', input: 'site_bucket_name', field: ['site', 'bucket'] },
  { module: 'static-site', input: 'bucket_name', field: ['site', 'bucket'] },
  { module: 'static-site', input: 'domain_name', field: ['site', 'domain'] },
  { module: 'contact-api', input: 'function_name', field: ['functionName'] },
  { module: 'contact-api', input: 'alias_name', field: ['alias'] },
  { module: 'contact-api', input: 'environment_variables', field: ['environment'] },
  { module: 'mail-forwarder', input: 'function_name', field: ['functionName'] },
  { module: 'mail-forwarder', input: 'alias_name', field: ['alias'] },
  { module: 'mail-forwarder', input: 'environment_variables', field: ['environment'] },
  { module: 'mail-forwarder', input: 'bucket_name', field: ['environment', 'MAIL_BUCKET'] },
  { module: 'mail-forwarder', input: 'object_prefix', field: ['environment', 'MAIL_PREFIX'] },
  { module: 'artifact-store', input: 'bucket_name', field: ['bucket'] },
  { module: 'artifact-store', input: 'kms_alias', field: ['kmsKey'] },
  { module: 'pipeline', input: 'deploy_role_arn', field: ['deployRole'] },
];

const endsWith = (parts, suffix) => suffix.every((s, i) => parts[parts.length - suffix.length + i] === s);

function moduleVariables(module) {
  const variables = new Map();
  for (const file of module.files.filter((f) => f.body)) {
    for (const [[variable], body] of labelled(file.body, 'variable', 1)) variables.set(variable, body);
  }
  return variables;
}

export async function run(tree) {
  const found = [];
  const model = environmentModel(tree.environments);
  for (const unit of await unitModels(tree)) {
    const file = unit.file.path;
    const module = tree.modules.get(unit.module);
    if (!module) continue; // unit-placement reports it

    const variables = moduleVariables(module);
    for (const input of Object.keys(unit.inputs)) {
      if (!variables.has(input)) found.push(finding(name, unit.inputOrigins[input], `inputs.${input}`, `module "${unit.module}" has no variable "${input}"`));
    }
    for (const [variable, body] of variables) {
      if (!('default' in body) && !(variable in unit.inputs)) {
        found.push(finding(name, file, 'inputs', `module "${unit.module}" needs variable "${variable}"`));
      }
    }

    for (const rule of BUILD_NAMES.filter((r) => r.module === unit.module)) {
      const paths = unit.inputPaths[rule.input] ?? [];
      if (!(rule.input in unit.inputs)) continue;
      if (!paths.some((parts) => endsWith(parts, rule.field))) {
        found.push(finding(name, unit.inputOrigins[rule.input], `inputs.${rule.input}`, `must come from environments.json ${rule.field.join('.')}, the name the build uses`));
      }
    }

    // Function settings the unit reads (…functions.<key>.environment.<NAME>) exist
    // in the unit's environment (every CI environment for units of no environment).
    const own = model.environmentOfAccount.get(unit.account);
    const environments = Object.entries(model.ci).filter(([key]) => !own || key === own);
    for (const { parts, file: readIn } of unit.reads) {
      const at = parts.indexOf('functions');
      if (at < 0 || parts[at + 2] !== 'environment' || !parts[at + 3]) continue;
      const [functionKey, setting] = [parts[at + 1], parts[at + 3]];
      for (const [environmentKey, environment] of environments) {
        const fn = environment.functions?.[functionKey];
        if (fn && !(setting in (fn.environment ?? {}))) {
          found.push(finding(name, readIn, null, `reads ${functionKey}.environment.${setting}, which environment "${environmentKey}" does not set`));
        }
      }
    }
  }
  return found;
}
