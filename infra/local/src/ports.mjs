// Port checks: the local cloud refuses to start on a port something else holds.
import { createServer } from 'node:net';

export const DEFAULT_PORTS = Object.freeze({ api: 4566, site: 8080, ses: 8005, s3: 4569 });
export const PORT_FLAGS = Object.freeze({ api: '--api-port', site: '--site-port', ses: '--ses-port', s3: '--s3-port' });

export function isPortFree(port, host = '127.0.0.1') {
  return new Promise(resolve => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export function freePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export class PortTakenError extends Error {
  constructor(name, port) {
    super(`port ${port} (${PORT_FLAGS[name]}) is already in use by another process: stop that process or pass ${PORT_FLAGS[name]} <free port>`);
    this.portName = name;
    this.port = port;
  }
}

/** Two endpoints given the same port. */
export class PortConflictError extends Error {}

/** Resolves 0 to a free port, then checks every port; throws PortTakenError for the first one taken. */
export async function claimPorts(requested, host = '127.0.0.1') {
  const ports = {};
  for (const name of Object.keys(DEFAULT_PORTS)) {
    const port = requested[name] ?? DEFAULT_PORTS[name];
    ports[name] = port === 0 ? await freePort(host) : port;
  }
  const seen = new Map();
  for (const [name, port] of Object.entries(ports)) {
    if (seen.has(port)) throw new PortConflictError(`${PORT_FLAGS[name]} and ${PORT_FLAGS[seen.get(port)]} are both ${port}: give each endpoint its own port`);
    seen.set(port, name);
    if (!(await isPortFree(port, host))) throw new PortTakenError(name, port);
  }
  return ports;
}
