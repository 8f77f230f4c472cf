// The AWS provider's schema as @cdktf/provider-aws's .jsii file carries it: every resource and data
// source (a class documented as "Represents a {@link .../docs/resources/<name> aws_<name>}"), its
// Config interface's properties (arguments), and the interfaces of its nested blocks ("<x> block.").
// Terraform's own names come from each property's registry link (".../s3_bucket#bucket_prefix"),
// never from cdktf's camelCase names, which cdktf sometimes renames.
//
// Compact form: { provider, package, resources: { <type>: <block> }, dataSources: { <type>: <block> } }
// where a block is { arguments: { <name>: required (boolean) }, blocks: { <name>: { required, block } } }.

const REPRESENTS = /docs\/(resources|data-sources)\/([a-z0-9_]+) (aws_[a-z0-9_]+)\}/;
const ANCHOR = /\/docs\/(?:resources|data-sources)\/[a-z0-9_]+#([a-z0-9_]+) /;
const PROVIDER_VERSION = /registry\.terraform\.io\/providers\/hashicorp\/aws\/([0-9.]+)\//;

/** The interface fqn a property's type refers to (directly, in a list, or next to IResolvable). */
function referencedInterface(type) {
  if (!type) return null;
  if (type.fqn && !type.fqn.startsWith('cdktf.')) return type.fqn;
  if (type.collection) return referencedInterface(type.collection.elementtype ?? type.collection.elementType);
  if (type.union) for (const option of type.union.types) {
    const found = referencedInterface(option);
    if (found) return found;
  }
  return null;
}

function blockOf(types, fqn, seen = new Set()) {
  const type = types[fqn];
  const result = { arguments: {}, blocks: {} };
  if (!type || seen.has(fqn)) return result;
  const inner = new Set(seen).add(fqn);
  for (const property of type.properties ?? []) {
    const text = `${property.docs?.summary ?? ''} ${property.docs?.remarks ?? ''}`;
    const name = ANCHOR.exec(`${text} `)?.[1];
    if (!name) continue;
    const required = !property.optional;
    const nested = referencedInterface(property.type);
    if (/ block\.$/.test(property.docs?.summary ?? '') && nested) result.blocks[name] = { required, block: blockOf(types, nested, inner) };
    else result.arguments[name] = required;
  }
  return result;
}

/** The compact schema of one parsed .jsii assembly. */
export function schemaFromJsii(assembly) {
  const schema = { provider: null, package: `${assembly.name}@${assembly.version}`, resources: {}, dataSources: {} };
  for (const type of Object.values(assembly.types)) {
    if (type.kind !== 'class') continue;
    const match = REPRESENTS.exec(type.docs?.summary ?? '');
    if (!match) continue;
    schema.provider ??= PROVIDER_VERSION.exec(type.docs.summary)?.[1] ?? null;
    const config = `${type.fqn}Config`;
    const target = match[1] === 'resources' ? schema.resources : schema.dataSources;
    target[match[3]] = blockOf(assembly.types, config);
  }
  for (const key of ['resources', 'dataSources']) {
    schema[key] = Object.fromEntries(Object.entries(schema[key]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return schema;
}

/** The committed text: one resource or data source per line, so a provider update reads as a diff. */
export function formatSchema(schema) {
  const section = (entries) => Object.entries(entries).map(([type, block]) => `    ${JSON.stringify(type)}: ${JSON.stringify(block)}`).join(',\n');
  return `{\n  "provider": ${JSON.stringify(schema.provider)},\n  "package": ${JSON.stringify(schema.package)},\n  "resources": {\n${section(schema.resources)}\n  },\n  "dataSources": {\n${section(schema.dataSources)}\n  }\n}\n`;
}
