// Allow statements name roles, not accounts or everyone. A principal is a role
// ARN (literal, or a reference whose name says role), or an account root whose
// statement admits exactly listed role ARNs through an aws:PrincipalArn
// condition (the form used where the role may not exist yet), or an entry of
// the allow-list. Service principals (lambda.amazonaws.com, ...) are fine.
import { finding } from '../finding.mjs';
import { isExpression, references } from '../hcl-values.mjs';
import { allowStatements } from '../policy-documents.mjs';
import { ROOT_PRINCIPALS } from './allow-list.mjs';

export const name = 'principals';

const ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+/;
const ROOT_ARN = /:root$|:root"/;
const PRINCIPAL_ARN_TESTS = new Set(['ArnEquals', 'ArnLike', 'StringEquals', 'StringLike']);

async function namesRoles(value) {
  if (typeof value !== 'string') return false;
  if (!isExpression(value)) return ROLE_ARN.test(value) && !value.includes('*');
  if (ROOT_ARN.test(value)) return false;
  const refs = await references(value);
  return refs.length > 0 && refs.every((ref) => /role/i.test(ref));
}

function isRoot(value) {
  return typeof value === 'string' && (/^arn:aws[a-z-]*:iam::[0-9]{12}:root$/.test(value) || ROOT_ARN.test(value) || /^[0-9]{12}$/.test(value));
}

async function hasRoleCondition(statement) {
  for (const condition of statement.conditions) {
    if (condition.variable?.toLowerCase() !== 'aws:principalarn' || !PRINCIPAL_ARN_TESTS.has(condition.test)) continue;
    const values = Array.isArray(condition.values) ? condition.values : [condition.values];
    const checks = await Promise.all(values.map(namesRoles));
    if (values.length > 0 && checks.every(Boolean)) return true;
  }
  return false;
}

export async function run(tree) {
  const found = [];
  for await (const { document, statement, uses, where } of allowStatements(tree)) {
    const report = (message) => found.push(finding(name, document.file, where, message));
    if (statement.notPrincipals.length > 0) report('an Allow with not_principals admits everyone else; name the roles');
    for (const principal of statement.principals) {
      if (principal.type === 'Service') continue;
      if (principal.type === '*') {
        report('allows every principal ("*"); name the roles');
        continue;
      }
      for (const identifier of principal.identifiers) {
        if (identifier === '*') {
          report('allows every principal ("*"); name the roles');
        } else if (isRoot(identifier)) {
          const allowed = ROOT_PRINCIPALS.some((entry) => entry.matches({ attachedAs: uses, statement }));
          if (!allowed && !(await hasRoleCondition(statement))) {
            report(`trusts a whole account (${identifier}); name role ARNs, or add an aws:PrincipalArn condition listing them`);
          }
        } else if (!(await namesRoles(identifier))) {
          report(`principal ${identifier} is not a role ARN`);
        }
      }
    }
  }
  return found;
}
