import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('unit-inputs: a function name made up in HCL instead of read from environments.json is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/development/eu-central-1/contact-api/terragrunt.hcl', 'function_name         = local.function.functionName',
      'function_name         = "${include.root.locals.name_prefix}-contact-form"'));
  assertOnly(findings, 'live/development/eu-central-1/contact-api/terragrunt.hcl', /inputs\.function_name.*must come from environments\.json functionName/);
});

test('unit-inputs: an input the module does not declare is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/shared/global/hosted-zone/terragrunt.hcl', '  tags      = include.root.locals.tags', '  tags      = include.root.locals.tags\n  ttl       = 300'));
  assertOnly(findings, 'live/shared/global/hosted-zone/terragrunt.hcl', /inputs\.ttl.*module "hosted-zone" has no variable "ttl"/);
});

test('unit-inputs: a required module variable left out is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/production/eu-west-1/mail-forwarder/terragrunt.hcl', '  zone_name             = include.root.locals.zone_name\n', ''));
  assertOnly(findings, 'live/production/eu-west-1/mail-forwarder/terragrunt.hcl', /module "mail-forwarder" needs variable "zone_name"/);
});

test('unit-inputs: a function setting environments.json does not have is reported', async () => {
  const findings = await seeded('unit-inputs', (infra) =>
    infra.replace('live/development/eu-central-1/contact-api/terragrunt.hcl', 'sender_address        = local.function.environment.SENDER',
      'sender_address        = local.function.environment.FROM'));
  assertOnly(findings, 'live/development/eu-central-1/contact-api/terragrunt.hcl', /reads contact-form\.environment\.FROM, which environment "dev" does not set/);
});
