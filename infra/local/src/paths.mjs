// Where things are: this package, its default state dir, the one environments.json, our scripts.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PACKAGE_DIR = resolve(HERE, '..');
export const DEFAULT_STATE_DIR = join(PACKAGE_DIR, '.state');
export const DEFAULT_ENVIRONMENTS = resolve(PACKAGE_DIR, '..', 'environments.json');
export const DAEMON_SCRIPT = join(HERE, 'daemon.mjs');
export const CHILD_SCRIPTS = Object.freeze({ s3rver: join(HERE, 'children', 's3-server.mjs'), ses: join(HERE, 'children', 'ses-server.mjs') });

/** The URLs a running local cloud answers on. The site uses localhost: the origin the functions allow. */
export function endpointsFor(ports, host = '127.0.0.1') {
  return {
    api: `http://${host}:${ports.api}`,
    site: `http://localhost:${ports.site}`,
    ses: `http://${host}:${ports.ses}`,
    sesStore: `http://${host}:${ports.ses}/store`,
    s3: `http://${host}:${ports.s3}`,
  };
}
