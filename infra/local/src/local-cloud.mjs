// The local cloud in one process: s3rver and aws-ses-v2-local as children, the SigV4 gateway and
// the site endpoint in this process. Used directly by tests and by the daemon the CLI starts.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startChild } from './children/child-process.mjs';
import { createGateway } from './gateway/gateway.mjs';
import { IdentityStore } from './gateway/identities.mjs';
import { claimPorts } from './ports.mjs';
import { createCloudFrontService } from './services/cloudfront.mjs';
import { createKmsService } from './services/kms.mjs';
import { createKeyValueStoreService } from './services/key-value-store/key-value-store-service.mjs';
import { KeyValueStores } from './services/key-value-store/stores.mjs';
import { CodeStore } from './services/lambda/code-store.mjs';
import { FunctionStore } from './services/lambda/function-store.mjs';
import { LambdaRuntime } from './services/lambda/lambda-runtime.mjs';
import { createLambdaService } from './services/lambda/lambda-service.mjs';
import { createS3Service } from './services/s3/s3-service.mjs';
import { SseSidecar } from './services/s3/sse-sidecar.mjs';
import { createSesService } from './services/ses.mjs';
import { createStsService } from './services/sts.mjs';
import { createSiteEndpoint } from './site/site-endpoint.mjs';
import { loadTopology } from './topology.mjs';
import { Authorizer } from './iam/authorizer.mjs';
import { DecisionLog } from './iam/decision-log.mjs';
import { PolicySet } from './iam/policy-set.mjs';
import { renderedModel } from './iam/rendered-model.mjs';
import { RequestCounts } from './request-counts.mjs';
import { CHILD_SCRIPTS, DEFAULT_ENVIRONMENTS, DEFAULT_STATE_DIR, endpointsFor } from './paths.mjs';

const systemClock = Object.freeze({ now: () => Date.now() });

/**
 * @param {{ stateDir?: string, ports?: {api?:number, site?:number, ses?:number, s3?:number}, environments?: string,
 *   log?: (line: string) => void, updateDelayMs?: number, invalidationDelayMs?: number, clock?: { now(): number } }} options
 *   Ports default to 4566/8080/8005/4569; 0 picks a free port.
 * @returns {Promise<{ endpoints: ReturnType<typeof endpointsFor>, ports: object, topology: object, stateDir: string,
 *   processes: {name: string, pid: number}[], stop(): Promise<void> }>}
 */
export async function startLocalCloud(options = {}) {
  const stateDir = resolve(options.stateDir ?? DEFAULT_STATE_DIR);
  const log = options.log ?? (() => {});
  const clock = options.clock ?? systemClock;
  const environments = resolve(options.environments ?? DEFAULT_ENVIRONMENTS);
  const model = await renderedModel(environments);
  const topology = loadTopology(environments, 'local', model);
  const ports = await claimPorts(options.ports ?? {});
  mkdirSync(stateDir, { recursive: true });
  const endpoints = endpointsFor(ports);

  const children = [];
  const servers = [];
  let authorizer;
  let keyValueStores;
  const stop = async () => {
    await Promise.all(servers.map(server => new Promise(done => {
      server.close(() => done());
      server.closeAllConnections();
    })));
    await Promise.all(children.map(child => child.stop()));
  };

  try {
    const started = await Promise.allSettled([
      startChild({
        name: 's3rver',
        script: CHILD_SCRIPTS.s3rver,
        args: ['--port', String(ports.s3), '--directory', join(stateDir, 's3'), '--state-dir', stateDir,
          '--config', JSON.stringify({ buckets: topology.buckets.map(b => b.name) })],
        env: { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --openssl-legacy-provider`.trim() },
        log,
      }),
      startChild({ name: 'ses', script: CHILD_SCRIPTS.ses, args: ['--port', String(ports.ses), '--state-dir', stateDir], log }),
    ]);
    for (const s of started) if (s.status === 'fulfilled') children.push(s.value);
    const failed = started.find(s => s.status === 'rejected');
    if (failed) throw failed.reason;

    const identities = new IdentityStore({ topology, stateFile: join(stateDir, 'sts', 'sessions.json'), clock, maxSessionSeconds: options.maxSessionSeconds });
    authorizer = new Authorizer({ policies: new PolicySet(model), clock, decisions: new DecisionLog(stateDir, model) });
    // The build's credentials are a session CodeBuild opens on the build role for the environment's build project:
    // its trust policy must let CodeBuild, for that project (aws:SourceArn) in that account (aws:SourceAccount).
    await authorizer.authorize({
      principal: { service: 'codebuild.amazonaws.com' }, action: 'sts:AssumeRole', resource: topology.buildRoleArn,
      protocol: 'query', operation: 'codebuild AssumeRole (build role)', sourceAccount: topology.storeAccountId,
      sourceArn: topology.buildProjectArn,
    });
    const codeStore = new CodeStore(join(stateDir, 'lambda'));
    const functions = new FunctionStore({ file: join(stateDir, 'lambda', 'functions.json'), topology, clock, updateDelayMs: options.updateDelayMs ?? 1500 });
    const runtime = new LambdaRuntime({ codeStore, identities, authorizer, endpoints, logDir: join(stateDir, 'lambda', 'logs') });

    // One set of stores for the KeyValueStore API (writes) and the edge's cf.kvs() (reads).
    keyValueStores = new KeyValueStores({
      stores: model.keyValueStores.filter(store => store.account === topology.accountId),
      stateFile: join(stateDir, 'cloudfront-keyvaluestore', 'stores.json'),
      clock,
    });
    const services = {
      s3: createS3Service({ topology, authorizer, s3Port: ports.s3, s3Directory: join(stateDir, 's3'), sidecar: new SseSidecar(join(stateDir, 's3-sse')) }),
      sts: createStsService({ authorizer, identities }),
      kms: createKmsService({ authorizer }),
      lambda: createLambdaService({ topology, authorizer, functions, codeStore, runtime, s3Port: ports.s3 }),
      cloudfront: createCloudFrontService({ topology, authorizer, stateFile: join(stateDir, 'cloudfront', 'invalidations.json'), clock, invalidationDelayMs: options.invalidationDelayMs ?? 2000, siteEndpoint: endpoints.site }),
      ses: createSesService({ sesPort: ports.ses, authorizer }),
      'cloudfront-keyvaluestore': createKeyValueStoreService({ stores: keyValueStores, authorizer }),
    };
    const gateway = createGateway({ identities, clock, services, log, counts: new RequestCounts(stateDir) });
    const site = createSiteEndpoint({ model, s3Port: ports.s3, functions, runtime, authorizer, keyValueStores, log });
    for (const [server, port] of [[gateway, ports.api], [site, ports.site]]) {
      await new Promise((ok, fail) => {
        server.once('error', fail);
        server.listen(port, '127.0.0.1', ok);
      });
      servers.push(server);
    }
    log(`local cloud up: ${JSON.stringify(endpoints)} (state ${stateDir})`);
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    endpoints,
    ports,
    topology,
    authorizer,
    keyValueStores,
    stateDir,
    processes: children.map(c => ({ name: c.name, pid: c.pid, script: CHILD_SCRIPTS[c.name] })),
    stop,
  };
}
