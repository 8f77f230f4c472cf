import { test } from 'node:test';
import { assertFindings, assertOnly, seeded } from './support/infra-copy.mjs';

const ENVCOMMON_INCLUDES = (kind) => `include "root" { path = find_in_parent_folders("root.hcl") }
include "envcommon" {
  path   = "\${dirname(find_in_parent_folders("root.hcl"))}/_envcommon/${kind}.hcl"
  expose = true
}
`;

test('unit-inputs: a function name made up in a shared definition is reported once, where it is written', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/_envcommon/contact-api.hcl', 'function_name         = local.function.functionName',
      'function_name         = "${local.account.name_prefix}-contact-form"'));
  assertOnly(findings, 'live/_envcommon/contact-api.hcl', /inputs\.function_name.*must come from environments\.json functionName/);
});

test('unit-inputs: a unit overriding a shared input with a made-up name is reported in the unit', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.write('live/production/eu-central-1/static-site/terragrunt.hcl', `${ENVCOMMON_INCLUDES('static-site')}
inputs = {
  bucket_name = "\${include.envcommon.locals.account.name_prefix}-site"
}
`));
  assertOnly(findings, 'live/production/eu-central-1/static-site/terragrunt.hcl', /inputs\.bucket_name.*must come from environments\.json site\.bucket/);
});

test('unit-inputs: a unit reading a shared definition\'s locals through its exposed include is followed to environments.json', async () => {
  // Unresolved, local.chosen.bucket does not end in site.bucket; followed through the include, it does.
  const findings = await seeded('unit-inputs', (infra) =>
    infra.write('live/production/eu-central-1/static-site/terragrunt.hcl', `${ENVCOMMON_INCLUDES('static-site')}
locals {
  chosen = include.envcommon.locals.site
}

inputs = {
  bucket_name = local.chosen.bucket
}
`));
  assertFindings(findings, []);
});

test('unit-inputs: an input the module does not declare is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/shared/global/hosted-zone/terragrunt.hcl', '  zone_name = include.root.locals.names.zone_name', '  zone_name = include.root.locals.names.zone_name\n  ttl       = 300'));
  assertOnly(findings, 'live/shared/global/hosted-zone/terragrunt.hcl', /inputs\.ttl.*module "hosted-zone" has no variable "ttl"/);
});

test('unit-inputs: a required module variable left out of a shared definition is reported for each unit including it', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/_envcommon/mail-forwarder.hcl', '  zone_name             = local.names.zone_name\n', ''));
  assertFindings(findings, [
    ['live/development/eu-west-1/mail-forwarder/terragrunt.hcl', /module "mail-forwarder" needs variable "zone_name"/],
    ['live/production/eu-west-1/mail-forwarder/terragrunt.hcl', /module "mail-forwarder" needs variable "zone_name"/],
  ]);
});

test('unit-inputs: a pipeline unit that does not say whether a person approves is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/shared/eu-central-1/pipeline/dev/terragrunt.hcl', '  manual_approval = false\n', ''));
  assertOnly(findings, 'live/shared/eu-central-1/pipeline/dev/terragrunt.hcl', /module "pipeline" needs variable "manual_approval"/);
});

test('unit-inputs: a function setting environments.json does not have is reported for every environment reading it', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/_envcommon/contact-api.hcl', 'sender_address        = local.function.environment.SENDER',
      'sender_address        = local.function.environment.FROM'));
  assertFindings(findings, [
    ['live/_envcommon/contact-api.hcl', /reads contact-form\.environment\.FROM, which environment "dev" does not set/],
    ['live/_envcommon/contact-api.hcl', /reads contact-form\.environment\.FROM, which environment "prod" does not set/],
  ]);
});
