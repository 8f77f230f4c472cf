// No unit is a copy of another: once their include blocks are removed, no two
// units may have the same body. A kind of unit deployed more than once is
// defined once, in live/_envcommon/<kind>.hcl, and each unit includes it and
// says only what differs (often nothing: the folder names the account,
// region or environment). Bodies are compared as parsed by HashiCorp's parser,
// so comments and layout do not hide a copy; units that are only includes
// have nothing to copy and are left out.
import { finding } from '../finding.mjs';
import { blocks } from '../hcl-values.mjs';

export const name = 'unit-copies';

/** JSON with object keys sorted, so equal bodies give equal text. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function moduleOf(body) {
  const source = blocks(body, 'terraform').find((t) => typeof t.source === 'string')?.source;
  return /\/\/([A-Za-z0-9_-]+)$/.exec(source ?? '')?.[1] ?? '<kind>';
}

export async function run(tree) {
  const found = [];
  const firstWithBody = new Map();
  for (const unit of tree.units.filter((u) => u.file.body)) {
    const { include, ...rest } = unit.file.body;
    if (Object.keys(rest).length === 0) continue;
    const key = canonical(rest);
    const first = firstWithBody.get(key);
    if (!first) {
      firstWithBody.set(key, unit);
      continue;
    }
    found.push(finding(name, unit.file.path, null,
      `has the same body as ${first.file.path} apart from its includes: define it once in live/_envcommon/${moduleOf(rest)}.hcl and include that from both units`));
  }
  return found;
}
