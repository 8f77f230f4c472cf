import { test } from 'node:test';
import { assertFindings, assertOnly, seeded } from './support/infra-copy.mjs';

const includes = (kind, { expose = true } = {}) => `include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "\${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/${kind}.hcl"
  expose = ${expose}
}
`;

test('unit-placement: a function unit outside the function\'s region is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.move('live/development/eu-west-1/mail-forwarder', 'live/development/eu-central-1/mail-forwarder'));
  assertOnly(findings, 'live/development/eu-central-1/mail-forwarder/terragrunt.hcl',
    /function "mail-forwarder" of "dev" runs in eu-west-1 \(environments\.json\), but this unit is in eu-central-1/);
});

test('unit-placement: a region folder environments.json does not use is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.copy('live/shared/eu-central-1/code-repository', 'live/shared/ap-south-1/code-repository'));
  assertOnly(findings, 'live/shared/ap-south-1/code-repository/terragrunt.hcl', /region folder "ap-south-1" is not a region environments\.json uses/);
});

test('unit-placement: the pipeline deploying master without approval is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/shared/eu-central-1/pipeline/prod/terragrunt.hcl', 'manual_approval = true', 'manual_approval = false'));
  assertOnly(findings, 'live/shared/eu-central-1/pipeline/prod/terragrunt.hcl', /environment "prod" deploys master\/main: set manual_approval = true/);
});

test('unit-placement: a deploy role whose unit overrides a store dependency, losing a store region, is reported', async () => {
  // The unit's dependency block replaces the shared definition's block of the same name, as in Terragrunt.
  const findings = await seeded('unit-placement', (infra) =>
    infra.write('live/production/global/deploy-role/terragrunt.hcl', `${includes('deploy-role')}
dependency "artifact_store_eu_west_1" {
  config_path  = "../../eu-central-1/static-site"
  skip_outputs = true
}
`));
  assertOnly(findings, 'live/production/global/deploy-role/terragrunt.hcl', /lacks the artifact stores live\/shared\/eu-west-1\/artifact-store\/prod of environment "prod"/);
});

test('unit-placement: a unit dependency on a folder that is not a unit is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.write('live/development/eu-central-1/static-site/terragrunt.hcl', `${includes('static-site')}
dependency "contact_api" {
  config_path = "../contact-form"
}
`));
  assertOnly(findings, 'live/development/eu-central-1/static-site/terragrunt.hcl', /dependency "contact_api".*\.\.\/contact-form is not a unit \(live\/development\/eu-central-1\/contact-form\)/);
});

test('unit-placement: a shared definition\'s dependency on a folder that is not a unit is reported there, for each unit', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/_envcommon/static-site.hcl', '"${get_terragrunt_dir()}/../contact-api"', '"${get_terragrunt_dir()}/../contact-form"'));
  assertFindings(findings, [
    ['live/_envcommon/static-site.hcl', /dependency "contact_api".*is not a unit \(live\/development\/eu-central-1\/contact-form\)/],
    ['live/_envcommon/static-site.hcl', /dependency "contact_api".*is not a unit \(live\/production\/eu-central-1\/contact-form\)/],
  ]);
});

test('unit-placement: an include that does not resolve to a file is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.write('live/production/eu-central-1/contact-api/terragrunt.hcl', includes('contact-form')));
  // Without its shared definition the unit runs no module and creates no function.
  assertFindings(findings, [
    ['live/production/eu-central-1/contact-api/terragrunt.hcl', /include "envcommon".*_envcommon\/contact-form\.hcl does not resolve to a file/],
    ['live/production/eu-central-1/contact-api/terragrunt.hcl', /terraform\.source.*must end with \/\/<module>/],
    ['live/production', /no unit creates function "contact-form" of environment "prod"/],
  ]);
});

test('unit-placement: reading an include that is not exposed is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.write('live/production/eu-central-1/static-site/terragrunt.hcl', `${includes('static-site', { expose: false })}
inputs = {
  bucket_name = include.envcommon.locals.site.bucket
}
`));
  assertOnly(findings, 'live/production/eu-central-1/static-site/terragrunt.hcl', /include "envcommon".*not exposed: set expose = true/);
});

test('unit-placement: two includes setting the same input are reported in each unit including both', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/_envcommon/state-backend.hcl', '  lock_table_name = local.names.lock_table\n', '  lock_table_name = local.names.lock_table\n  tags            = {}\n'));
  assertFindings(findings, ['master', 'shared', 'development', 'production'].map((account) => [
    `live/${account}/eu-central-1/state-backend/terragrunt.hcl`,
    /inputs\.tags.*is set by both live\/(root\.hcl|_envcommon\/state-backend\.hcl) and live\/(root\.hcl|_envcommon\/state-backend\.hcl), which this unit includes/,
  ]));
});

test('unit-placement: a region typed in a live file that environments.json does not use is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/root.hcl', 'us_east_1 = "us-east-1"', 'us_east_1 = "us-west-2"'));
  assertOnly(findings, 'live/root.hcl', /names region us-west-2, which environments\.json does not use/);
});

test('unit-placement: a source on GitHub without the code-connection unit is reported at the pipeline', async () => {
  const findings = await seeded('unit-placement', async (infra) => {
    await infra.replace('environments.json', '444444444444:role/jamstack-deploy",\n      "source": { "provider": "CodeCommit" },', '444444444444:role/jamstack-deploy",\n      "source": { "provider": "GitHub", "repository": "example/jamstack" },');
    await infra.replace('live/_envcommon/pipeline.hcl', 'config_path                             = "${get_terragrunt_dir()}/../../code-connection"', 'config_path                             = "${get_terragrunt_dir()}/../../code-repository"');
  });
  assertOnly(findings, 'live/shared/eu-central-1/pipeline/prod/terragrunt.hcl', /environment "prod" reads its source from GitHub: the pipeline needs the connection of a code-connection unit at live\/shared\/eu-central-1\/code-connection/);
});
