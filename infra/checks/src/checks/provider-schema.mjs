// Every resource and data source in modules/ is one the AWS provider 5.x has, with arguments and
// nested blocks it accepts and the arguments it requires: checked against the provider's published
// schema (data/aws-provider-schema.json, extracted from @cdktf/provider-aws's .jsii by
// scripts/extract-provider-schema.mjs), because no provider registry can be reached to run
// `terraform validate`.
import { readFileSync } from 'node:fs';
import { blocks, resources } from '../hcl-values.mjs';
import { finding } from '../finding.mjs';

export const name = 'provider-schema';

const SCHEMA_FILE = new URL('../../data/aws-provider-schema.json', import.meta.url);
let cached = null;
export function providerSchema() {
  cached ??= JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
  return cached;
}

// Terraform's own meta-arguments and blocks, valid on every resource and data source.
const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

/** The blocks of one kind written statically and through `dynamic "<kind>" { content { … } }`. */
function bodiesOf(body, kind) {
  const dynamic = blocks(body, 'dynamic').flatMap((d) => blocks(d, kind)).flatMap((d) => blocks(d, 'content'));
  return [...blocks(body, kind), ...dynamic];
}

function written(body) {
  const names = new Set(Object.keys(body ?? {}).filter((key) => key !== 'dynamic'));
  for (const d of blocks(body, 'dynamic')) for (const key of Object.keys(d)) names.add(key);
  return names;
}

function checkBlock(body, schema, path, report, { top }) {
  const present = written(body);
  for (const key of present) {
    if (top && META.has(key)) continue;
    if (key in schema.arguments) continue;
    if (key in schema.blocks) {
      for (const inner of bodiesOf(body, key)) checkBlock(inner, schema.blocks[key].block, `${path}.${key}`, report, { top: false });
      continue;
    }
    const known = [...Object.keys(schema.arguments), ...Object.keys(schema.blocks)].sort().join(', ');
    report(`${path}: "${key}" is not an argument or block of the AWS provider 5.x here; use one of ${known || '(none)'}`);
  }
  for (const [argument, required] of Object.entries(schema.arguments)) {
    if (required && !present.has(argument)) report(`${path}: the required argument "${argument}" is missing`);
  }
  for (const [block, { required }] of Object.entries(schema.blocks)) {
    if (required && !present.has(block)) report(`${path}: the required block "${block}" is missing`);
  }
}

export async function run(tree, { schema = providerSchema() } = {}) {
  const found = [];
  const moduleFiles = tree.files.filter((file) => file.path.startsWith('modules/'));
  for (const [kind, types, label] of [['resource', schema.resources, 'resource'], ['data', schema.dataSources, 'data source']]) {
    // Only the aws provider's types: archive_file and the like belong to other providers.
    for (const item of resources(moduleFiles, kind).filter((r) => r.type.startsWith('aws_'))) {
      const where = `${kind === 'data' ? 'data.' : ''}${item.type}.${item.name}`;
      const report = (message) => found.push(finding(name, item.file, where, message));
      const type = types[item.type];
      if (!type) {
        report(`${item.type} is not a ${label} of the AWS provider ${schema.provider}; fix the type name`);
        continue;
      }
      checkBlock(item.body, type, item.type, report, { top: true });
    }
  }
  return found;
}
