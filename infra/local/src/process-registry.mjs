// <state>/pids.json: which processes a detached local cloud consists of, and whether a pid still
// is one of ours (its command line names our script and our state dir) before we signal it.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writeJson } from './state-file.mjs';

export const pidsFile = stateDir => join(stateDir, 'pids.json');
export const logFile = stateDir => join(stateDir, 'local-cloud.log');

export const readRegistry = stateDir => readJson(pidsFile(stateDir), undefined);
export const writeRegistry = (stateDir, registry) => writeJson(pidsFile(stateDir), registry);
export const removeRegistry = stateDir => rmSync(pidsFile(stateDir), { force: true });

export function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
  } catch {
    try {
      return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
    } catch {
      return '';
    }
  }
}

/** A live process whose command line holds both our script and our state dir. */
export function isOurs({ pid, script }, stateDir) {
  if (!pid || !isAlive(pid)) return false;
  const cmd = commandLine(pid);
  return cmd.includes(script) && cmd.includes(stateDir);
}
