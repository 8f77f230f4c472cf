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
      values   = var.writer_role_arns
    }
    condition {`, `      test     = "ArnEquals"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::123456789012:user/someone"]
    }
    condition {`));
  assertOnly(findings, 'modules/artifact-store/main.tf', /statement "EncryptDecryptByPipelineAndBuildRoles".*trusts a whole account/);
});

test('principals: a document attached nowhere gets no allow-list entry (the account root is reported)', async () => {
  const findings = await seeded('principals', (infra) =>
    infra.replace('modules/artifact-store/main.tf', 'data "aws_iam_policy_document" "key" {', 'data "aws_iam_policy_document" "unattached" {\n  statement {\n    sid    = "KeyAdministration"\n    effect = "Allow"\n    principals {\n      type        = "AWS"\n      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]\n    }\n    actions   = ["kms:DescribeKey"]\n    resources = ["*"]\n  }\n}\n\ndata "aws_iam_policy_document" "key" {'));
  assertOnly(findings, 'modules/artifact-store/main.tf', /data\.aws_iam_policy_document\.unattached statement "KeyAdministration".*trusts a whole account/);
});

test('principals: a grant passed into private-bucket that names a whole account is reported', async () => {
  const findings = await seeded('principals', (infra) =>
    infra.replace('modules/artifact-store/main.tf', `      resources = ["\${local.bucket_arn}/*"]
      condition {
        test     = "ArnEquals"
        variable = "aws:PrincipalArn"`, `      resources = ["\${local.bucket_arn}/*"]
      condition {
        test     = "StringEquals"
        variable = "aws:SourceAccount"`));
  assertOnly(findings, 'modules/artifact-store/main.tf', /data\.aws_iam_policy_document\.bucket statement "ReadByDeployRoles".*trusts a whole account/);
});
