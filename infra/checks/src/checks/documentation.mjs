// Modules in the terraform-aws-modules style: main.tf, variables.tf,
// outputs.tf, versions.tf and a README with an example; every variable typed
// and described, every output described, versions pinned.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { finding } from '../finding.mjs';
import { blocks, labelled } from '../hcl-values.mjs';

export const name = 'documentation';

const REQUIRED_FILES = ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf'];

const described = (body) => typeof body.description === 'string' && body.description.trim().length > 0;

async function readme(tree, module) {
  try {
    return await readFile(path.join(tree.infraDir, module.dir, 'README.md'), 'utf8');
  } catch {
    return null;
  }
}

export async function run(tree) {
  const found = [];
  for (const module of tree.modules.values()) {
    const present = new Set(module.files.map((f) => path.posix.basename(f.path)));
    for (const file of REQUIRED_FILES) {
      if (!present.has(file)) found.push(finding(name, module.dir, null, `has no ${file}`));
    }

    const text = await readme(tree, module);
    if (text === null) found.push(finding(name, `${module.dir}/README.md`, null, 'is missing'));
    else if (!/```hcl[\s\S]*module\s+"[^"]+"\s*\{[\s\S]*source\s*=[\s\S]*```/.test(text)) {
      found.push(finding(name, `${module.dir}/README.md`, null, 'has no ```hcl example with a module block and its source'));
    }

    for (const file of module.files.filter((f) => f.body)) {
      for (const [[variable], body] of labelled(file.body, 'variable', 1)) {
        if (body.type === undefined) found.push(finding(name, file.path, `variable "${variable}"`, 'has no type'));
        if (!described(body)) found.push(finding(name, file.path, `variable "${variable}"`, 'has no description'));
      }
      for (const [[output], body] of labelled(file.body, 'output', 1)) {
        if (!described(body)) found.push(finding(name, file.path, `output "${output}"`, 'has no description'));
      }
      for (const terraform of blocks(file.body, 'terraform')) {
        if (!terraform.required_version) found.push(finding(name, file.path, 'terraform', 'has no required_version'));
        for (const providers of blocks(terraform, 'required_providers')) {
          for (const [provider, requirement] of Object.entries(providers)) {
            if (!requirement?.source || !requirement?.version) {
              found.push(finding(name, file.path, `required_providers.${provider}`, 'needs source and version'));
            }
          }
        }
      }
    }
  }
  return found;
}
