import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

const DECRYPT = 'actions   = ["kms:Decrypt"]';
const SYNC = 'actions   = ["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]';

/** A condition block for an aws_iam_policy_document statement. */
const condition = (variable) => `\n    condition {\n      test     = "StringEquals"\n      variable = "${variable}"\n      values   = ["x"]\n    }`;

test('known-actions: a misspelled action is reported, with the action it resembles', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/deploy-role/main.tf', '["s3:DeleteObject", "s3:GetObject", "s3:PutObject"]', '["s3:DeleteObject", "s3:GetObjekt", "s3:PutObject"]'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /statement "SyncSiteObjects".*action s3:GetObjekt does not exist in IAM \(did you mean s3:GetObject\?\): use a real action name/);
});

test('known-actions: an API operation IAM authorizes under another name is reported with that name', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/deploy-role/main.tf', 'actions   = ["s3:ListBucket"]\n    resources = [local.site_bucket_arn]', 'actions   = ["s3:ListObjectsV2"]\n    resources = [local.site_bucket_arn]'));
  assertOnly(findings, 'modules/deploy-role/main.tf', /statement "ListSiteBucket".*action s3:ListObjectsV2 does not exist in IAM \(ListObjectsV2 is authorized as s3:ListBucket\)/);
});

test('known-actions: an action of a service IAM does not have is reported', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/lambda-function/main.tf', '["logs:CreateLogStream", "logs:PutLogEvents"]', '["logz:CreateLogStream", "logs:PutLogEvents"]'));
  assertOnly(findings, 'modules/lambda-function/main.tf', /action logz:CreateLogStream names the service prefix logz, which IAM does not have \(did you mean logs\?\)/);
});

test('known-actions: a wildcard matching no action is reported, in Deny statements too', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'actions   = ["s3:*"]', 'actions   = ["s3:Frobnicate*"]'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /statement "DenyInsecureTransport".*wildcard action s3:Frobnicate\* matches no s3 action/);
});

test('known-actions: a condition key the actions do not support is reported once for the statement', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/deploy-role/main.tf', SYNC, SYNC + condition('kms:ViaService')));
  assertOnly(findings, 'modules/deploy-role/main.tf',
    /statement "SyncSiteObjects".*condition key kms:ViaService is not supported by s3:DeleteObject, s3:GetObject, s3:PutObject: use a key each of them supports \(s3:DeleteObject: s3:/);
});

test('known-actions: a condition key on a real action that only another action supports is reported', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/static-site/main.tf', 'variable = "AWS:SourceArn"', 'variable = "s3:prefix"'));
  assertOnly(findings, 'modules/static-site/main.tf', /statement "ReadByThisDistributionOnly".*condition key s3:prefix is not supported by s3:GetObject: use a key s3:GetObject supports \(/);
});

test('known-actions: a lambda permission naming an operation instead of its action is reported', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/contact-api/main.tf', 'action        = "lambda:InvokeFunction"', 'action        = "lambda:Invoke"'));
  assertOnly(findings, 'modules/contact-api/main.tf', /aws_lambda_permission\.api.*action lambda:Invoke does not exist in IAM \(Invoke is authorized as lambda:InvokeFunction\)/);
});

test('known-actions: keys of the action, of its resource types, global keys and keys with a variable part pass, in any case', async () => {
  const conditions = ['kms:ViaService', 'KMS:ENCRYPTIONCONTEXT:aws:s3:arn', 'kms:ResourceAliases', 'aws:PrincipalTag/team', 'aws:CalledViaFirst', 'lambda:SourceFunctionArn'];
  const findings = await seeded('known-actions', async (infra) => {
    await infra.replace('modules/deploy-role/main.tf', DECRYPT, 'actions   = ["kms:Decrypt"]' + conditions.map(condition).join(''));
    // A wildcard supports a key when an action it matches does (s3:prefix: s3:ListBucket).
    await infra.replace('modules/deploy-role/main.tf', 'actions   = ["s3:ListBucket"]\n    resources = [local.site_bucket_arn]', 'actions   = ["s3:List*"]\n    resources = [local.site_bucket_arn]' + condition('s3:prefix'));
    await infra.replace('modules/deploy-role/main.tf', '"s3:GetObject", "s3:PutObject"]', '"S3:getobject", "s3:PutObject"]');
  });
  assert.deepEqual(findings, []);
});

test('known-actions: a misspelled global key is reported with the key it resembles', async () => {
  const findings = await seeded('known-actions', (infra) =>
    infra.replace('modules/private-bucket/main.tf', 'variable = "aws:SecureTransport"', 'variable = "aws:SecureTransprt"'));
  assertOnly(findings, 'modules/private-bucket/main.tf', /statement "DenyInsecureTransport".*condition key aws:SecureTransprt does not exist in IAM \(did you mean aws:SecureTransport\?\)/);
});
