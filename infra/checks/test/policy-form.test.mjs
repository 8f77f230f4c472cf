import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('policy-form: a jsonencode() policy, invisible to the policy checks, is refused', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.replace('modules/deploy-role/main.tf', 'policy = data.aws_iam_policy_document.deploy.json',
      'policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /aws_iam_role_policy\.deploy.*policy must reference data\.aws_iam_policy_document/);
});
