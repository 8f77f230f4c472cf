// IAM, key and bucket policies are written as aws_iam_policy_document data
// sources, so their statements are plain HCL blocks the checks can read. This
// file turns those blocks (static and dynamic) into statement records and
// follows each document to where it is attached, through source documents and
// module calls.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { blocks, resources } from './hcl-values.mjs';
import { moduleCalls } from './module-calls.mjs';

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

// A list kept in a JSON file of a module and read where it is used: jsondecode(file("${path.module}/<file>.json")).
const JSON_FILE_OF_MODULE = /^\$\{jsondecode\(file\("\$\{path\.module\}\/([^"]+\.json)"\)\)\}$/;

/**
 * Replaces a whole-value "${local.name}" by that local's own expression, so principals built in locals stay
 * visible, and (given infraDir) a local read from a module's JSON file by that file's content, so an action
 * list two modules share is checked like a literal one.
 */
function localsResolver(files, infraDir) {
  const locals = new Map();
  for (const file of files) for (const block of blocks(file.body, 'locals')) for (const [key, value] of Object.entries(block)) locals.set(key, { value, dir: path.posix.dirname(file.path) });
  const resolve = (value, depth = 0, dir = null) => {
    if (Array.isArray(value)) return value.map((item) => resolve(item, depth, dir));
    const json = infraDir && dir && typeof value === 'string' ? JSON_FILE_OF_MODULE.exec(value) : null;
    if (json) return JSON.parse(readFileSync(path.join(infraDir, dir, json[1]), 'utf8'));
    const match = typeof value === 'string' ? /^\$\{local\.([A-Za-z0-9_-]+)\}$/.exec(value) : null;
    if (!match || !locals.has(match[1]) || depth >= 10) return value;
    const local = locals.get(match[1]);
    return resolve(local.value, depth + 1, local.dir);
  };
  return resolve;
}

function statementRecord(body, index, resolve) {
  return {
    index,
    sid: body.sid ?? null,
    effect: body.effect ?? 'Allow',
    actions: resolve(body.actions),
    notActions: resolve(body.not_actions),
    resources: body.resources,
    notResources: body.not_resources,
    principals: withDynamic(body, 'principals').map((p) => ({ type: p.type, identifiers: listValue(resolve(p.identifiers)).flat() })),
    notPrincipals: withDynamic(body, 'not_principals'),
    conditions: withDynamic(body, 'condition').map((c) => ({ test: c.test, variable: c.variable, values: resolve(c.values) })),
  };
}

/** Every aws_iam_policy_document of the given files, with its statements (infraDir: read locals from modules' JSON files). */
export function policyDocuments(files, infraDir = null) {
  const resolve = localsResolver(files, infraDir);
  return resources(files, 'data')
    .filter((data) => data.type === 'aws_iam_policy_document')
    .map((data) => ({
      name: data.name,
      file: data.file,
      overrides: data.body.override_policy_documents,
      statements: withDynamic(data.body, 'statement').map((body, index) => statementRecord(body, index, resolve)),
    }));
}

const DOCUMENT_SOURCE_ATTRIBUTES = ['source_policy_documents', 'override_policy_documents'];
const DOCUMENT_REF = /^\$\{data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)(?:\[[^\]]*\])?\.(?:json|minified_json)\}$/;
const VARIABLE_REF = /^\$\{var\.([A-Za-z0-9_-]+)\}$/;

/**
 * What one policy value is: { document } (a document of the same module),
 * { variable } (the module's caller decides), or { unreadable }. Only a whole
 * reference counts: jsonencode(...) or a mix would hide statements.
 */
export function policySource(value) {
  const document = typeof value === 'string' && DOCUMENT_REF.exec(value);
  if (document) return { document: document[1] };
  const variable = typeof value === 'string' && VARIABLE_REF.exec(value);
  if (variable) return { variable: variable[1] };
  return { unreadable: true };
}

/** A policy value as its parts: a list literal's items, or the one value. */
export const policyParts = (value) => (Array.isArray(value) ? value : [value]);

const sameSource = (a, b) => (a.document !== undefined && a.document === b.document) || (a.variable !== undefined && a.variable === b.variable);

/**
 * Every place a module's files put a policy: a resource's policy or
 * assume_role_policy ({ use: "aws_iam_role.assume_role_policy" }), and a
 * document's source or override documents ({ into: <document name> }).
 */
function policyPositions(files) {
  const positions = [];
  for (const resource of resources(files)) {
    for (const attribute of POLICY_ATTRIBUTES) {
      const value = resource.body[attribute];
      if (value !== undefined) positions.push({ file: resource.file, where: `${resource.type}.${resource.name}`, attribute, use: `${resource.type}.${attribute}`, parts: policyParts(value) });
    }
  }
  for (const data of resources(files, 'data').filter((d) => d.type === 'aws_iam_policy_document')) {
    for (const attribute of DOCUMENT_SOURCE_ATTRIBUTES) {
      const value = data.body[attribute];
      if (value !== undefined) positions.push({ file: data.file, where: `data.aws_iam_policy_document.${data.name}`, attribute, into: data.name, parts: policyParts(value) });
    }
  }
  return positions;
}

/**
 * How policies flow through a tree: usesOf(module, { document } or { variable })
 * lists where that document (or whatever the caller passes for that variable)
 * ends up, e.g. ["aws_iam_role_policy.policy"], following source documents
 * within a module and arguments into called modules.
 */
export function policyFlow(tree) {
  const calls = moduleCalls(tree).filter((call) => call.target);
  const positions = new Map([...tree.modules.values()].map((m) => [m.name, policyPositions(m.files.filter((f) => f.body))]));

  const usesOf = (module, source, seen = new Set()) => {
    const key = `${module.name}\0${source.document ?? ''}\0${source.variable ?? ''}`;
    if (seen.has(key)) return [];
    seen.add(key);
    const uses = new Set();
    for (const position of positions.get(module.name) ?? []) {
      if (!position.parts.some((part) => sameSource(policySource(part), source))) continue;
      if (position.into) usesOf(module, { document: position.into }, seen).forEach((use) => uses.add(use));
      else uses.add(position.use);
    }
    for (const call of calls.filter((c) => c.caller === module)) {
      for (const [argument, value] of Object.entries(call.args)) {
        if (!policyParts(value).some((part) => sameSource(policySource(part), source))) continue;
        usesOf(call.target, { variable: argument }, seen).forEach((use) => uses.add(use));
      }
    }
    return [...uses];
  };

  return { calls, positions, usesOf };
}

export function statementLabel(document, statement) {
  return `data.aws_iam_policy_document.${document.name} statement ${statement.sid ? `"${statement.sid}"` : `#${statement.index + 1}`}`;
}

/**
 * Every Allow statement of every module's policy documents: where it is and
 * how its document is attached, also when it reaches the resource through a
 * called module (a lambda-function's role policy, a private-bucket's policy).
 */
export async function* allowStatements(tree) {
  const flow = policyFlow(tree);
  for (const module of tree.modules.values()) {
    const files = module.files.filter((f) => f.body);
    for (const document of policyDocuments(files)) {
      const uses = flow.usesOf(module, { document: document.name });
      for (const statement of document.statements) {
        if (statement.effect === 'Allow') yield { document, statement, uses, where: statementLabel(document, statement) };
      }
    }
  }
}
