// Starting the emulators as child processes that report readiness over IPC and exit with us.
import { fork } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * @returns {Promise<{ name: string, pid: number, process: import('node:child_process').ChildProcess, stop(): Promise<void> }>}
 */
export function startChild({ name, script, args, env = {}, log, timeoutMs = 20_000 }) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      // The daemon may itself run detached; children belong to it, not to a terminal.
      detached: false,
    });
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', line => log(`${name}: ${line}`));
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name} did not start within ${timeoutMs / 1000}s (see the log)`));
    }, timeoutMs);
    const onExit = code => {
      clearTimeout(timer);
      reject(new Error(`${name} exited during start-up with code ${code} (see the log)`));
    };
    child.once('exit', onExit);
    child.on('message', message => {
      if (!message?.ready) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      resolve({ name, pid: child.pid, process: child, stop: () => stopChild(child) });
    });
  });
}

export function stopChild(child, graceMs = 5000) {
  return new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
