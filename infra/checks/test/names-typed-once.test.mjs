import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('names-typed-once: a bucket name typed in a shared unit definition is reported once, as the bucket', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('live/_envcommon/static-site.hcl', 'bucket_name     = local.site.bucket', 'bucket_name     = "jamstack-site-333333333333"'));
  assertOnly(findings, 'live/_envcommon/static-site.hcl', /contains "jamstack-site-333333333333" literally; read environments\.dev\.site\.bucket/);
});

test('names-typed-once: a deploy role typed in a unit is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.write('live/production/global/deploy-role/terragrunt.hcl', `include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "\${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/deploy-role.hcl"
  expose = true
}

inputs = {
  role_arn = "arn:aws:iam::444444444444:role/jamstack-deploy"
}
`));
  assertOnly(findings, 'live/production/global/deploy-role/terragrunt.hcl', /contains "arn:aws:iam::444444444444:role\/jamstack-deploy" literally; read environments\.prod\.deployRole/);
});

test('names-typed-once: an account id typed in a module is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('modules/hosted-zone/main.tf', 'comment = "Site, certificate validation and mail records"', 'comment = "Records for 444444444444"'));
  assertOnly(findings, 'modules/hosted-zone/main.tf', /contains "444444444444" literally; read accounts\.production\.id/);
});

test('names-typed-once: a deploy role in another account than its environment is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('environments.json', '"deployRole": "arn:aws:iam::444444444444:role/jamstack-deploy"', '"deployRole": "arn:aws:iam::333333333333:role/jamstack-deploy"'));
  assertOnly(findings, 'environments.json', /environments\.prod\.deployRole is in account 333333333333, not production/);
});

test('names-typed-once: a release-switch store in another account than its environment is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('environments.json', '"keyValueStoreArn": "arn:aws:cloudfront::444444444444:', '"keyValueStoreArn": "arn:aws:cloudfront::333333333333:'));
  assertOnly(findings, 'environments.json', /environments\.prod\.site\.keyValueStoreArn is in account 333333333333, not production/);
});

test('names-typed-once: a store key given as an ARN, which Terraform cannot create, is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('environments.json', '"eu-west-1":    { "bucket": "jamstack-artifacts-prod-222222222222-eu-west-1",    "kmsKey": "alias/jamstack-artifacts-prod" }',
      '"eu-west-1":    { "bucket": "jamstack-artifacts-prod-222222222222-eu-west-1",    "kmsKey": "arn:aws:kms:eu-west-1:222222222222:key/1234abcd-12ab-34cd-56ef-1234567890ab" }'));
  assertOnly(findings, 'environments.json', /artifactStores\.prod\.regions\.eu-west-1\.kmsKey must be an alias\/ name/);
});

test('names-typed-once: a source on an environment without branches is reported', async () => {
  const findings = await seeded('names-typed-once', (infra) =>
    infra.replace('environments.json', '"deployRole": "arn:aws:iam::000000000000:role/jamstack-deploy",', '"deployRole": "arn:aws:iam::000000000000:role/jamstack-deploy",\n      "source": { "provider": "GitHub", "repository": "example/jamstack" },'));
  assertOnly(findings, 'environments.json', /environments\.local\.source: environment "local" has no branches/);
});

test('names-typed-once: a repository on GitHub typed in a unit is reported', async () => {
  const findings = await seeded('names-typed-once', async (infra) => {
    await infra.replace('environments.json', '444444444444:role/jamstack-deploy",\n      "source": { "provider": "CodeCommit" },', '444444444444:role/jamstack-deploy",\n      "source": { "provider": "GitHub", "repository": "example/jamstack-site" },');
    await infra.replace('live/shared/eu-central-1/code-connection/terragrunt.hcl', 'connections = include.root.locals.names.source_connections', 'connections = include.root.locals.names.source_connections\n  description = "example/jamstack-site"');
  });
  assertOnly(findings, 'live/shared/eu-central-1/code-connection/terragrunt.hcl', /example\/jamstack-site.*environments\.prod\.source\.repository/);
});
