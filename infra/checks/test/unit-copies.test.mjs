import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';
import { assertOnly, REAL_INFRA, seeded } from './support/infra-copy.mjs';

test('unit-copies: a unit copied to another folder is reported, even with other comments, layout and includes', async () => {
  const original = await readFile(path.join(REAL_INFRA, 'live/shared/global/hosted-zone/terragrunt.hcl'), 'utf8');
  const copy = original
    .replace(/^#.*\n/gm, '# A second zone, copied.\n')
    .replace('include "root" {', 'include "parent" {')
    .replace('zone_name = include.root.locals.names.zone_name', 'zone_name   =   include.root.locals.names.zone_name');
  assert.notEqual(copy, original);
  const findings = await seeded('unit-copies', async (infra) => {
    await infra.copy('live/shared/global/hosted-zone', 'live/shared/global/public-zone');
    await infra.write('live/shared/global/public-zone/terragrunt.hcl', copy);
  });
  assertOnly(findings, 'live/shared/global/public-zone/terragrunt.hcl',
    /same body as live\/shared\/global\/hosted-zone\/terragrunt\.hcl apart from its includes: define it once in live\/_envcommon\/hosted-zone\.hcl/);
});

test('unit-copies: a shared definition pasted back into two units is reported', async () => {
  const definition = await readFile(path.join(REAL_INFRA, 'live/_envcommon/contact-api.hcl'), 'utf8');
  const unit = `include "root" { path = find_in_parent_folders("root.hcl") }\n\n${definition}`;
  const findings = await seeded('unit-copies', async (infra) => {
    await infra.write('live/development/eu-central-1/contact-api/terragrunt.hcl', unit);
    await infra.write('live/production/eu-central-1/contact-api/terragrunt.hcl', unit);
  });
  assertOnly(findings, 'live/production/eu-central-1/contact-api/terragrunt.hcl', /same body as live\/development\/eu-central-1\/contact-api\/terragrunt\.hcl/);
});

test('unit-copies: two units saying the same beyond their includes are copies', async () => {
  const findings = await seeded('unit-copies', (infra) =>
    infra.replace('live/shared/eu-central-1/pipeline/prod/terragrunt.hcl', 'manual_approval = true', 'manual_approval = false'));
  assertOnly(findings, 'live/shared/eu-central-1/pipeline/', /same body as live\/shared\/eu-central-1\/pipeline\/(dev|prod)\/terragrunt\.hcl/);
});
