// Every policy attribute (policy, assume_role_policy) is a reference to an
// aws_iam_policy_document, so the other policy checks see every statement.
// A jsonencode() or heredoc policy would slip past them, so it is refused.
import { finding } from '../finding.mjs';
import { policyAttachments } from '../policy-documents.mjs';

export const name = 'policy-form';

export async function run(tree) {
  const found = [];
  for (const module of tree.modules.values()) {
    const { unreadable } = await policyAttachments(module.files.filter((f) => f.body));
    for (const { resource, attribute } of unreadable) {
      found.push(
        finding(name, resource.file, `${resource.type}.${resource.name}`,
          `${attribute} must reference data.aws_iam_policy_document.<name>.json so its statements can be checked`),
      );
    }
  }
  return found;
}
