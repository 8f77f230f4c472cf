#!/usr/bin/env node
// local-cloud CLI: `up` starts the local cloud detached and prints its endpoints as one JSON line,
// `down` stops what `up` started, `status` prints JSON. Bad input: one line on stderr, exit 2.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DAEMON_SCRIPT, DEFAULT_ENVIRONMENTS, DEFAULT_STATE_DIR, PACKAGE_DIR } from './src/paths.mjs';
import { claimPorts, DEFAULT_PORTS, PortConflictError, PortTakenError } from './src/ports.mjs';
import { isAlive, isOurs, logFile, readRegistry, removeRegistry } from './src/process-registry.mjs';
import { loadTopology, TopologyError } from './src/topology.mjs';
import { snapshotOf } from './src/snapshot.mjs';
import { readRequestCounts } from './src/request-counts.mjs';

const USAGE = `usage: node infra/local/cli.mjs <up|down|status|snapshot> [--state-dir DIR]
  up      [--api-port ${DEFAULT_PORTS.api}] [--site-port ${DEFAULT_PORTS.site}] [--ses-port ${DEFAULT_PORTS.ses}] [--s3-port ${DEFAULT_PORTS.s3}] [--environments infra/environments.json]
          [--max-session-seconds N] [--settle-ms N] (how long Lambda updates and CloudFront invalidations stay InProgress; default 1500/2000)
  down    stop the local cloud started with the same --state-dir
  status  print {"running":…, "endpoints":…} as JSON
  snapshot  print what the local cloud holds ({"files": {path: sha256}}: objects, functions, invalidations), to compare before and after
  default state dir: infra/local/.state`;

class UsageError extends Error {}

function parse(argv) {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') return { command: 'help' };
  if (!['up', 'down', 'status', 'snapshot'].includes(command)) throw new UsageError(`unknown command '${command}': use up, down, status or snapshot`);
  let values;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        'state-dir': { type: 'string' }, environments: { type: 'string' },
        'api-port': { type: 'string' }, 'site-port': { type: 'string' }, 'ses-port': { type: 'string' }, 's3-port': { type: 'string' },
        'max-session-seconds': { type: 'string' }, 'settle-ms': { type: 'string' },
      },
    }));
  } catch (err) {
    throw new UsageError(`${err.message.split('\n')[0]}: see --help`);
  }
  const port = name => {
    const raw = values[`${name}-port`];
    if (raw === undefined) return DEFAULT_PORTS[name];
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new UsageError(`--${name}-port ${raw} is not a port: give a number from 1 to 65535`);
    return n;
  };
  const rawMax = values['max-session-seconds'];
  const maxSessionSeconds = rawMax === undefined ? undefined : Number(rawMax);
  if (rawMax !== undefined && !(Number.isInteger(maxSessionSeconds) && maxSessionSeconds >= 1 && maxSessionSeconds <= 3600)) {
    throw new UsageError(`--max-session-seconds ${rawMax} is not a session length: give whole seconds from 1 to 3600 (tests of credential refresh only)`);
  }
  const rawSettle = values['settle-ms'];
  const settleMs = rawSettle === undefined ? undefined : Number(rawSettle);
  if (rawSettle !== undefined && !(Number.isInteger(settleMs) && settleMs >= 1 && settleMs <= 60_000)) {
    throw new UsageError(`--settle-ms ${rawSettle} is not a duration: give milliseconds from 1 to 60000 (tests that deploy many times)`);
  }
  return {
    command,
    maxSessionSeconds,
    settleMs,
    stateDir: resolve(values['state-dir'] ?? DEFAULT_STATE_DIR),
    environments: resolve(values.environments ?? DEFAULT_ENVIRONMENTS),
    ports: { api: port('api'), site: port('site'), ses: port('ses'), s3: port('s3') },
  };
}

function statusOf(stateDir) {
  const registry = readRegistry(stateDir);
  if (!registry) return { running: false, stateDir, log: logFile(stateDir) };
  const processes = registry.processes.map(p => ({ name: p.name, pid: p.pid, alive: isOurs(p, stateDir) }));
  return {
    running: processes.every(p => p.alive),
    stateDir,
    log: logFile(stateDir),
    pid: registry.pid,
    startedAt: registry.startedAt,
    endpoints: registry.endpoints,
    processes,
    requests: readRequestCounts(stateDir),
  };
}

const print = value => process.stdout.write(`${JSON.stringify(value)}\n`);
const sleep = ms => new Promise(r => setTimeout(r, ms));

async function answers(url) {
  try {
    await fetch(url, { signal: AbortSignal.timeout(2000) });
    return true;
  } catch {
    return false;
  }
}

async function up(options) {
  const { stateDir, environments, ports } = options;
  const current = statusOf(stateDir);
  if (current.running) {
    process.stderr.write(`local cloud is already running (pid ${current.pid}, state dir ${stateDir})\n`);
    print(current);
    return 0;
  }
  if (!existsSync(join(PACKAGE_DIR, 'node_modules', 's3rver'))) {
    throw new UsageError(`infra/local has no node_modules: run \`npm ci\` in ${PACKAGE_DIR} first`);
  }
  loadTopology(environments);
  // Leftovers of a local cloud that half died still hold their ports: they go first.
  if (current.pid) await stopProcesses(stateDir);
  await claimPorts(ports);
  // Only now is anything written.
  mkdirSync(stateDir, { recursive: true });
  const log = logFile(stateDir);
  const fd = openSync(log, 'a');
  const daemon = spawn(process.execPath, [DAEMON_SCRIPT, '--state-dir', stateDir, '--environments', environments,
    '--api-port', String(ports.api), '--site-port', String(ports.site), '--ses-port', String(ports.ses), '--s3-port', String(ports.s3),
    ...(options.maxSessionSeconds ? ['--max-session-seconds', String(options.maxSessionSeconds)] : []),
    ...(options.settleMs ? ['--settle-ms', String(options.settleMs)] : [])], {
    detached: true,
    stdio: ['ignore', fd, fd],
    cwd: PACKAGE_DIR,
  });
  closeSync(fd);
  let exited;
  daemon.once('exit', code => { exited = code ?? 1; });
  daemon.unref();

  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (exited !== undefined) {
      const last = readFileSync(log, 'utf8').trim().split('\n').pop();
      throw new Error(`local cloud failed to start: ${last.replace(/^\S+ /, '')} (log: ${log})`);
    }
    const registry = readRegistry(stateDir);
    if (registry?.pid === daemon.pid) {
      const e = registry.endpoints;
      const all = await Promise.all([e.api, e.site, `${e.ses}/health-check`, e.s3].map(answers));
      if (all.every(Boolean)) {
        print(statusOf(stateDir));
        return 0;
      }
    }
    await sleep(150);
  }
  signal(daemon.pid, 'SIGTERM');
  throw new Error(`local cloud did not answer within 60s: see ${log}`);
}

/** Stops the processes the registry lists, daemon first, each only if it is still ours. */
async function stopProcesses(stateDir) {
  const registry = readRegistry(stateDir);
  if (!registry) return [];
  const ours = registry.processes.filter(p => isOurs(p, stateDir));
  for (const p of ours) signal(p.pid, 'SIGTERM');
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline && ours.some(p => isAlive(p.pid))) await sleep(100);
  for (const p of ours) if (isOurs(p, stateDir)) signal(p.pid, 'SIGKILL');
  removeRegistry(stateDir);
  return ours.map(p => ({ name: p.name, pid: p.pid }));
}

/** The daemon stops its children itself, so one may be gone by the time we signal it. */
function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (err) {
    if (err.code !== 'ESRCH') throw err;
  }
}

async function down({ stateDir }) {
  if (!readRegistry(stateDir)) {
    process.stderr.write(`local cloud is not running (state dir ${stateDir})\n`);
    print({ running: false, stateDir, stopped: [] });
    return 0;
  }
  const stopped = await stopProcesses(stateDir);
  print({ running: false, stateDir, stopped });
  return 0;
}

async function main() {
  const options = parse(process.argv.slice(2));
  switch (options.command) {
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    case 'snapshot':
      print(snapshotOf(options.stateDir));
      return 0;
    case 'up': return up(options);
    case 'down': return down(options);
    default: {
      print(statusOf(options.stateDir));
      return 0;
    }
  }
}

main().then(code => process.exit(code), err => {
  process.stderr.write(`local-cloud: ${err.message}\n`);
  process.exit([UsageError, TopologyError, PortTakenError, PortConflictError].some(type => err instanceof type) ? 2 : 1);
});
