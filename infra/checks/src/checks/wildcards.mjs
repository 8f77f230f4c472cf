// No Allow statement grants "*" actions, a whole service ("s3:*") or any
// wildcard action, and none names "*" as its resource unless the allow-list
// says AWS requires it. Actions must be written literally to be reviewable.
import { finding } from '../finding.mjs';
import { isExpression } from '../hcl-values.mjs';
import { allowStatements } from '../policy-documents.mjs';
import { WILDCARD_RESOURCES } from './allow-list.mjs';

export const name = 'wildcards';

const WILDCARD_ARN_PART = /^arn:[^:]*:[^:]*:(\*|[^:]*:\*):/; // "*" as region or account

export async function run(tree) {
  const found = [];
  for await (const { document, statement, uses, where } of allowStatements(tree)) {
    const report = (message) => found.push(finding(name, document.file, where, message));

    if (statement.notActions !== undefined) report('an Allow with not_actions grants everything else; list the actions');
    if (statement.notResources !== undefined) report('an Allow with not_resources grants everything else; list the resources');
    if (!Array.isArray(statement.actions) || statement.actions.some(isExpression)) {
      report('actions must be a literal list so the granted actions can be reviewed');
    } else {
      for (const action of statement.actions) {
        if (action === '*' || /^[a-z0-9-]+:\*$/i.test(action)) report(`allows "${action}": name the actions`);
        else if (action.includes('*')) report(`allows the wildcard action "${action}": name the actions`);
      }
    }

    const listed = Array.isArray(statement.resources) ? statement.resources : [statement.resources];
    for (const resource of listed.filter((r) => typeof r === 'string')) {
      const isStar = resource === '*';
      if (isStar || WILDCARD_ARN_PART.test(resource)) {
        const allowance = WILDCARD_RESOURCES.find((entry) => entry.matches({ attachedAs: uses, statement }));
        if (!allowance) report(`resource "${resource}" is a wildcard where AWS does not require one; name the ARNs`);
      }
    }
  }
  return found;
}
