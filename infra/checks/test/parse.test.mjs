import { test } from 'node:test';
import { assertOnly, seeded } from './support/infra-copy.mjs';

test('parse: a module file with an unclosed block fails', async () => {
  const findings = await seeded('parse', (infra) =>
    infra.replace('modules/pipeline/outputs.tf', 'output "pipeline_names" {', 'output "pipeline_names" {\n  broken = {'));
  assertOnly(findings, 'modules/pipeline/outputs.tf', /does not parse: .*outputs\.tf/);
});

test('parse: a Terragrunt file with a bad expression fails', async () => {
  const findings = await seeded('parse', (infra) =>
    infra.replace('live/shared/global/hosted-zone/terragrunt.hcl', 'zone_name = include.root.locals.names.zone_name', 'zone_name = include.root.locals.names.zone_name +'));
  assertOnly(findings, 'live/shared/global/hosted-zone/terragrunt.hcl', /does not parse/);
});

test('parse: a shared unit definition with a bad expression fails', async () => {
  const findings = await seeded('parse', (infra) =>
    infra.replace('live/_envcommon/pipeline.hcl', 'branch_pipelines   = local.pipeline.branch_pipelines', 'branch_pipelines   = local.pipeline.branch_pipelines ='));
  assertOnly(findings, 'live/_envcommon/pipeline.hcl', /does not parse/);
});
