import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

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

test('unit-placement: a deploy role missing a store region is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/production/global/deploy-role/terragrunt.hcl', '      dependency.artifact_store_eu_west_1.outputs.store,\n', '')
      .then(() => infra.replace('live/production/global/deploy-role/terragrunt.hcl', `dependency "artifact_store_eu_west_1" {
  config_path `, `dependency "artifact_store_eu_west_1_gone" {
  skip_outputs = true
  config_path `))
      .then(() => infra.replace('live/production/global/deploy-role/terragrunt.hcl', '"../../../shared/eu-west-1/artifact-store"', '"../../eu-central-1/static-site"')));
  assertOnly(findings, 'live/production/global/deploy-role/terragrunt.hcl', /lacks the artifact stores live\/shared\/eu-west-1\/artifact-store of environment "prod"/);
});

test('unit-placement: a dependency on a folder that is not a unit is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/development/eu-central-1/static-site/terragrunt.hcl', 'config_path                             = "../contact-api"', 'config_path                             = "../contact-form"'));
  assertOnly(findings, 'live/development/eu-central-1/static-site/terragrunt.hcl', /dependency "contact_api".*\.\.\/contact-form is not a unit/);
});

test('unit-placement: a region typed in a live file that environments.json does not use is reported', async () => {
  const findings = await seeded('unit-placement', (infra) =>
    infra.replace('live/root.hcl', 'region              = "us-east-1"', 'region              = "us-west-2"'));
  assertOnly(findings, 'live/root.hcl', /names region us-west-2, which environments\.json does not use/);
});
