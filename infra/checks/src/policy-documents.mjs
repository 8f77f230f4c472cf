// IAM, key and bucket policies are written as aws_iam_policy_document data
// sources, so their statements are plain HCL blocks the checks can read. This
// file turns those blocks (static and dynamic) into statement records and
// records where each document is attached.

import { blocks, references, resources } from './hcl-values.mjs';

const POLICY_ATTRIBUTES = ['policy', 'assume_role_policy'];

function withDynamic(body, kind) {
  const staticBlocks = blocks(body, kind);
  const dynamicBlocks = blocks(body, 'dynamic')
    .flatMap((d) => blocks(d, kind))
    .flatMap((d) => blocks(d, 'content'));
  return [...staticBlocks, ...dynamicBlocks];
}

function listValue(value) {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Replaces a whole-value "${local.name}" by that local's own expression, so principals built in locals stay visible. */
function localsResolver(files) {
  const locals = new Map();
  for (const file of files) for (const block of blocks(file.body, 'locals')) for (const [key, value] of Object.entries(block)) locals.set(key, value);
  const resolve = (value, depth = 0) => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth));
    const match = typeof value === 'string' ? /^\$\{local\.([A-Za-z0-9_-]+)\}$/.exec(value) : null;
    return match && locals.has(match[1]) && depth < 10 ? resolve(locals.get(match[1]), depth + 1) : value;
  };
  return resolve;
}

function statementRecord(body, index, resolve) {
  return {
    index,
    sid: body.sid ?? null,
    effect: body.effect ?? 'Allow',
    actions: body.actions,
    notActions: body.not_actions,
    resources: body.resources,
    notResources: body.not_resources,
    principals: withDynamic(body, 'principals').map((p) => ({ type: p.type, identifiers: listValue(resolve(p.identifiers)).flat() })),
    notPrincipals: withDynamic(body, 'not_principals'),
    conditions: withDynamic(body, 'condition').map((c) => ({ test: c.test, variable: c.variable, values: resolve(c.values) })),
  };
}

/** Every aws_iam_policy_document of the given files, with its statements. */
export function policyDocuments(files) {
  const resolve = localsResolver(files);
  return resources(files, 'data')
    .filter((data) => data.type === 'aws_iam_policy_document')
    .map((data) => ({
      name: data.name,
      file: data.file,
      statements: withDynamic(data.body, 'statement').map((body, index) => statementRecord(body, index, resolve)),
    }));
}

/**
 * Where documents are used: { documentName: ["aws_kms_key.policy", ...] }, and
 * the policy attributes that are not a reference to a document.
 */
export async function policyAttachments(files) {
  const attachedAs = new Map();
  const unreadable = [];
  for (const resource of resources(files)) {
    for (const attribute of POLICY_ATTRIBUTES) {
      const value = resource.body[attribute];
      if (value === undefined) continue;
      const refs = (await references(value)).filter((ref) => ref.startsWith('data.aws_iam_policy_document.'));
      if (refs.length === 0) {
        unreadable.push({ resource, attribute });
        continue;
      }
      for (const ref of refs) {
        const name = ref.split('.')[2];
        if (!attachedAs.has(name)) attachedAs.set(name, []);
        attachedAs.get(name).push(`${resource.type}.${attribute}`);
      }
    }
  }
  return { attachedAs, unreadable };
}

export function statementLabel(document, statement) {
  return `data.aws_iam_policy_document.${document.name} statement ${statement.sid ? `"${statement.sid}"` : `#${statement.index + 1}`}`;
}

/** Every Allow statement of every module's policy documents: where it is and how its document is attached. */
export async function* allowStatements(tree) {
  for (const module of tree.modules.values()) {
    const files = module.files.filter((f) => f.body);
    const { attachedAs } = await policyAttachments(files);
    for (const document of policyDocuments(files)) {
      const uses = attachedAs.get(document.name) ?? [];
      for (const statement of document.statements) {
        if (statement.effect === 'Allow') yield { document, statement, uses, where: statementLabel(document, statement) };
      }
    }
  }
}
