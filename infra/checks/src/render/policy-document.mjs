// aws_iam_policy_document, rendered as the AWS provider renders it, with the
// origin of every statement (the file and data source that wrote it) kept in a
// registry keyed by the rendered JSON, so the origins follow a document through
// source_policy_documents and module inputs (policy_json = ....json).
//
// Merging as the provider does: the statements of all source documents (a Sid
// may appear in only one of them), then this document's statements (one with
// the Sid of a source statement replaces it in place, others are appended),
// then each override document the same way. Lists are rendered as JSON
// arrays in the order written (the provider renders sets, and a single item
// as a bare string; both mean the same to IAM).
import { evaluateValue } from './expression.mjs';
import { expandBlocks } from './blocks.mjs';
import { EvalError, findUnknown, force, isUnknown } from './values.mjs';

export const POLICY_VERSION = '2012-10-17';

/** Rendered JSON text → per-statement origins; one per render. */
export function createPolicyRegistry() {
  const origins = new Map();
  return {
    register(json, statementOrigins) {
      if (!origins.has(json)) origins.set(json, statementOrigins);
    },
    originsOf(json) {
      return origins.get(json) ?? null;
    },
  };
}

const distinct = (items) => items.filter((item, i) => items.indexOf(item) === i);

function fieldValue(body, key, scope, label) {
  if (body[key] === undefined) return undefined;
  const value = force(evaluateValue(body[key], scope));
  const unknown = findUnknown(value);
  if (unknown) throw new EvalError(`${label} ${key} = ${JSON.stringify(body[key])}: not known before apply (${unknown.reason})`);
  return value;
}

function stringList(value, label) {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value.flat(Infinity) : [value];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') throw new EvalError(`${label} must be a list of strings`);
  }
  return distinct(items.map(String));
}

function principalsOf(body, kind, scope, label) {
  const instances = expandBlocks(body, kind, scope);
  if (instances.length === 0) return undefined;
  const principal = {};
  for (const { body: block, scope: inner } of instances) {
    const type = fieldValue(block, 'type', inner, `${label} ${kind}`);
    const identifiers = stringList(fieldValue(block, 'identifiers', inner, `${label} ${kind}`), `${label} ${kind}.identifiers`);
    principal[type] = distinct([...(principal[type] ?? []), ...identifiers]);
  }
  const types = Object.keys(principal);
  if (types.length === 1 && types[0] === '*' && principal['*'].length === 1 && principal['*'][0] === '*') return '*';
  return principal;
}

function conditionsOf(body, scope, label) {
  const instances = expandBlocks(body, 'condition', scope);
  if (instances.length === 0) return undefined;
  const condition = {};
  for (const { body: block, scope: inner } of instances) {
    const where = `${label} condition`;
    const test = fieldValue(block, 'test', inner, where);
    const variable = fieldValue(block, 'variable', inner, where);
    const values = stringList(fieldValue(block, 'values', inner, where), `${where}.values`);
    condition[test] ??= {};
    condition[test][variable] = distinct([...(condition[test][variable] ?? []), ...values]);
  }
  return condition;
}

function renderStatement(body, scope, label) {
  const list = (key) => {
    const value = fieldValue(body, key, scope, label);
    if (value === undefined) return undefined;
    const items = stringList(value, `${label} ${key}`);
    return items.length ? items : undefined;
  };
  const sid = fieldValue(body, 'sid', scope, label);
  const statement = {};
  if (sid !== undefined && sid !== null && sid !== '') statement.Sid = String(sid);
  statement.Effect = fieldValue(body, 'effect', scope, label) ?? 'Allow';
  const fields = [
    ['Action', list('actions')],
    ['NotAction', list('not_actions')],
    ['Resource', list('resources')],
    ['NotResource', list('not_resources')],
    ['Principal', principalsOf(body, 'principals', scope, label)],
    ['NotPrincipal', principalsOf(body, 'not_principals', scope, label)],
    ['Condition', conditionsOf(body, scope, label)],
  ];
  for (const [key, value] of fields) if (value !== undefined) statement[key] = value;
  return statement;
}

/** Statements merged in: same Sid replaces in place, others are appended. */
function mergeInto(target, incoming) {
  for (const entry of incoming) {
    const at = entry.statement.Sid ? target.findIndex((existing) => existing.statement.Sid === entry.statement.Sid) : -1;
    if (at >= 0) target[at] = entry;
    else target.push(entry);
  }
}

function documentsFrom(value, label, registry, attribute) {
  if (value === undefined || value === null) return [];
  const documents = force(value);
  const unknown = findUnknown(documents);
  if (unknown) throw new EvalError(`${label} ${attribute}: not known before apply (${unknown.reason})`);
  if (!Array.isArray(documents)) throw new EvalError(`${label} ${attribute} must be a list of policy JSON documents`);
  return documents.map((json, index) => {
    let parsed;
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw new EvalError(`${label} ${attribute}[${index}] is not JSON: ${error.message}`);
    }
    const statements = Array.isArray(parsed.Statement) ? parsed.Statement : parsed.Statement ? [parsed.Statement] : [];
    const origins = registry.originsOf(json) ?? statements.map(() => `${label} ${attribute}[${index}]`);
    return statements.map((statement, i) => ({ statement, origin: origins[i] }));
  });
}

/**
 * Renders the data source `name` (body as hcl2json gives it) in `scope`;
 * `origin` names it ("modules/x/main.tf data.aws_iam_policy_document.y").
 * Returns { json, minifiedJson, document, statementOrigins }.
 */
export function renderPolicyDocument(body, scope, origin, registry) {
  const merged = [];
  const sourceSids = new Set();
  for (const statements of documentsFrom(body.source_policy_documents === undefined ? undefined : evaluateValue(body.source_policy_documents, scope), origin, registry, 'source_policy_documents')) {
    for (const { statement } of statements) {
      if (!statement.Sid) continue;
      if (sourceSids.has(statement.Sid)) throw new EvalError(`${origin}: duplicate Sid ${statement.Sid} in source_policy_documents`);
      sourceSids.add(statement.Sid);
    }
    mergeInto(merged, statements);
  }

  const own = expandBlocks(body, 'statement', scope).map(({ body: block, scope: inner }, index) => ({
    statement: renderStatement(block, inner, `${origin} statement #${index + 1}${block.sid && !String(block.sid).includes('${') ? ` (${block.sid})` : ''}`),
    origin,
  }));
  const ownSids = own.map((entry) => entry.statement.Sid).filter(Boolean);
  const duplicate = ownSids.find((sid, i) => ownSids.indexOf(sid) !== i);
  if (duplicate) throw new EvalError(`${origin}: duplicate Sid ${duplicate}`);
  mergeInto(merged, own);

  for (const statements of documentsFrom(body.override_policy_documents === undefined ? undefined : evaluateValue(body.override_policy_documents, scope), origin, registry, 'override_policy_documents')) {
    mergeInto(merged, statements);
  }

  const document = { Version: POLICY_VERSION };
  if (body.policy_id !== undefined) {
    const id = evaluateValue(body.policy_id, scope);
    if (isUnknown(id)) throw new EvalError(`${origin} policy_id: not known before apply (${id.reason})`);
    document.Id = id;
  }
  if (body.version !== undefined) document.Version = evaluateValue(body.version, scope);
  document.Statement = merged.map((entry) => entry.statement);
  const statementOrigins = merged.map((entry) => entry.origin);
  const json = JSON.stringify(document, null, 2);
  const minifiedJson = JSON.stringify(document);
  registry.register(json, statementOrigins);
  registry.register(minifiedJson, statementOrigins);
  return { json, minifiedJson, document, statementOrigins };
}

/** A policy attribute's JSON (or null) as { document, statementOrigins }; origins come from the registry. */
export function policyFromJson(json, registry, label) {
  if (json === null || json === undefined || json === '') return { document: null, statementOrigins: [] };
  if (isUnknown(json)) throw new EvalError(`${label}: not known before apply (${json.reason})`);
  if (typeof json !== 'string') throw new EvalError(`${label}: a policy must be a JSON string`);
  const document = JSON.parse(json);
  const statements = Array.isArray(document.Statement) ? document.Statement : [document.Statement];
  return { document, statementOrigins: registry.originsOf(json) ?? statements.map(() => label) };
}
