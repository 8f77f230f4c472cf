import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('principals: a trust policy granting the build account without naming the role is reported', async () => {
  const findings = await seeded('principals', (infra) =>
    infra.replace('modules/deploy-role/main.tf', `    condition {
      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = local.trusted_roles
    }
`, ''));
  assertOnly(findings, 'modules/deploy-role/main.tf', /statement "AssumedByBuildRoleOnly".*trusts a whole account/);
});

test('principals: an Allow to everyone ("*") is reported', async () => {
  const findings = await seeded('principals', (infra) =>
    infra.replace('modules/artifact-store/main.tf', `      sid    = "ReadByDeployRoles"
      effect = "Allow"
      principals {
        type        = "AWS"
        identifiers = local.reader_roots`, `      sid    = "ReadByDeployRoles"
      effect = "Allow"
      principals {
        type        = "AWS"
        identifiers = ["*"]`));
  assertOnly(findings, 'modules/artifact-store/main.tf', /statement "ReadByDeployRoles".*allows every principal/);
});

test('principals: an aws:PrincipalArn condition naming a user, not roles, leaves the account trusted', async () => {
  const findings = await seeded('principals', (infra) =>
    infra.replace('modules/artifact-store/main.tf', `      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = var.writer_role_arns`, `      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::123456789012:user/someone"]`));
  assertOnly(findings, 'modules/artifact-store/main.tf', /statement "EncryptDecryptByPipelineAndBuildRoles".*trusts a whole account/);
});
