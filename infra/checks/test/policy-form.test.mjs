import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('policy-form: a jsonencode() policy, invisible to the policy checks, is refused', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.replace('modules/deploy-role/main.tf', 'policy = data.aws_iam_policy_document.deploy.json',
      'policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /aws_iam_role_policy\.deploy.*policy must reference data\.aws_iam_policy_document/);
});

test('policy-form: a jsonencode() policy passed to lambda-function (its role policy) is refused at the call', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.replace('modules/contact-api/main.tf', 'policy_json           = data.aws_iam_policy_document.function.json',
      'policy_json           = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })'));
  assertOnly(findings, 'modules/contact-api/main.tf', /module\.function\.policy_json.*module "lambda-function" uses it as aws_iam_role_policy\.policy/);
});

test('policy-form: a bucket grant mixed with a jsonencode() document is refused at the private-bucket call', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.replace('modules/static-site/main.tf', 'policy_documents = [data.aws_iam_policy_document.site_bucket.json]',
      'policy_documents = [data.aws_iam_policy_document.site_bucket.json, jsonencode({ Statement = [] })]'));
  assertOnly(findings, 'modules/static-site/main.tf', /module\.bucket\.policy_documents.*module "private-bucket" uses it as aws_s3_bucket_policy\.policy/);
});

test('policy-form: a source document that is not an aws_iam_policy_document is refused', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.replace('modules/pipeline/main.tf', 'data "aws_iam_policy_document" "build" {\n  source_policy_documents = [data.aws_iam_policy_document.artifact_stores.json, data.aws_iam_policy_document.builds_only_from_their_pipelines.json, data.aws_iam_policy_document.protected_branches.json]',
      'data "aws_iam_policy_document" "build" {\n  source_policy_documents = [file("${path.module}/extra.json")]'));
  assertOnly(findings, 'modules/pipeline/main.tf', /data\.aws_iam_policy_document\.build.*source_policy_documents must list data\.aws_iam_policy_document/);
});

test('policy-form: a unit giving a module its policy as an input is refused', async () => {
  const findings = await seeded('policy-form', (infra) =>
    infra.unit('development/global/extra-role', 'service-role', `  name        = "extra"
  service     = "lambda.amazonaws.com"
  policy_name = "extra"
  policy_json = jsonencode({ Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })`));
  assertOnly(findings, 'live/development/global/extra-role/terragrunt.hcl', /inputs\.policy_json.*module "service-role" uses it as aws_iam_role_policy\.policy/);
});
