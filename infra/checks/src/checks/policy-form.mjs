// Every policy is an aws_iam_policy_document, so the other policy checks see
// every statement. A jsonencode() or heredoc policy would slip past them, so
// it is refused wherever a policy is written: a resource's policy or
// assume_role_policy, a document's source or override documents, and the
// argument of a module call (or unit input) that the called module uses as a
// policy, such as lambda-function's policy_json or private-bucket's
// policy_documents. A module's own variable there is fine: its callers are
// checked in turn.
import { finding } from '../finding.mjs';
import { unitCalls } from '../module-calls.mjs';
import { policyFlow, policyParts, policySource } from '../policy-documents.mjs';

export const name = 'policy-form';

const readable = (value) => policyParts(value).every((part) => !policySource(part).unreadable);

export async function run(tree) {
  const found = [];
  const flow = policyFlow(tree);

  for (const module of tree.modules.values()) {
    for (const position of flow.positions.get(module.name)) {
      if (position.parts.every((part) => !policySource(part).unreadable)) continue;
      const message = position.use
        ? `${position.attribute} must reference data.aws_iam_policy_document.<name>.json so its statements can be checked`
        : `${position.attribute} must list data.aws_iam_policy_document.<name>.json values so their statements can be checked`;
      found.push(finding(name, position.file, position.where, message));
    }
  }

  for (const call of flow.calls) {
    for (const [argument, value] of Object.entries(call.args)) {
      const uses = flow.usesOf(call.target, { variable: argument });
      if (uses.length === 0 || readable(value)) continue;
      found.push(finding(name, call.file, `${call.where}.${argument}`,
        `must be data.aws_iam_policy_document.<name>.json (a list of them for a list) so its statements can be checked: module "${call.target.name}" uses it as ${uses.join(', ')}`));
    }
  }

  // A unit's inputs are Terragrunt values, never a document the checks read.
  for (const call of await unitCalls(tree)) {
    for (const argument of Object.keys(call.args)) {
      const uses = flow.usesOf(call.target, { variable: argument });
      if (uses.length === 0) continue;
      found.push(finding(name, call.origins[argument], `inputs.${argument}`,
        `module "${call.target.name}" uses it as ${uses.join(', ')}: write the policy as an aws_iam_policy_document in a module that calls "${call.target.name}"`));
    }
  }
  return found;
}
