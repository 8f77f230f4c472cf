// The detached local cloud the CLI's `up` starts: runs until SIGTERM/SIGINT, logs to stdout
// (the CLI points it at <state>/local-cloud.log) and records its processes in <state>/pids.json.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startLocalCloud } from './local-cloud.mjs';
import { readRegistry, removeRegistry, writeRegistry } from './process-registry.mjs';

const { values } = parseArgs({
  options: {
    'state-dir': { type: 'string' }, environments: { type: 'string' },
    'api-port': { type: 'string' }, 'site-port': { type: 'string' }, 'ses-port': { type: 'string' }, 's3-port': { type: 'string' },
    'max-session-seconds': { type: 'string' }, 'settle-ms': { type: 'string' },
  },
});
const stateDir = values['state-dir'];
const log = line => process.stdout.write(`${new Date().toISOString()} ${line}\n`);

let cloud;
try {
  cloud = await startLocalCloud({
    stateDir,
    environments: values.environments,
    ports: { api: Number(values['api-port']), site: Number(values['site-port']), ses: Number(values['ses-port']), s3: Number(values['s3-port']) },
    log,
    maxSessionSeconds: values['max-session-seconds'] ? Number(values['max-session-seconds']) : undefined,
    ...(values['settle-ms'] ? { updateDelayMs: Number(values['settle-ms']), invalidationDelayMs: Number(values['settle-ms']) } : {}),
  });
} catch (err) {
  log(`local cloud failed to start: ${err.message}`);
  process.exit(1);
}

writeRegistry(stateDir, {
  pid: process.pid,
  stateDir,
  startedAt: new Date().toISOString(),
  ports: cloud.ports,
  endpoints: cloud.endpoints,
  processes: [{ name: 'daemon', pid: process.pid, script: fileURLToPath(import.meta.url) }, ...cloud.processes],
});

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await cloud.stop();
  if (readRegistry(stateDir)?.pid === process.pid) removeRegistry(stateDir);
  log('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGHUP', () => shutdown('SIGHUP'));
