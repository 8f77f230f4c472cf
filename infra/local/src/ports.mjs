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

/** A free port held open until release(): ports picked while others are held are all different. */
function holdFreePort(host) {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => resolve({ port: server.address().port, release: () => new Promise(done => server.close(() => done())) }));
  });
}

/** <count> free ports, all different (each held until all are picked). */
export async function freePorts(count, host = '127.0.0.1') {
  const held = [];
  try {
    for (let i = 0; i < count; i++) held.push(await holdFreePort(host));
    return held.map(h => h.port);
  } finally {
    await Promise.all(held.map(h => h.release()));
  }
}

/**
 * Resolves 0 to a free port, then checks every port; throws PortTakenError for the first one taken. The free ports are
 * held until all are picked: a port closed at once may be handed out again for the next endpoint.
 */
export async function claimPorts(requested, host = '127.0.0.1') {
  const ports = {};
  const held = [];
  try {
    for (const name of Object.keys(DEFAULT_PORTS)) {
      const port = requested[name] ?? DEFAULT_PORTS[name];
      if (port === 0) {
        const free = await holdFreePort(host);
        held.push(free);
        ports[name] = free.port;
      } else {
        ports[name] = port;
      }
    }
  } finally {
    await Promise.all(held.map(h => h.release()));
  }
  const seen = new Map();
  for (const [name, port] of Object.entries(ports)) {
    if (seen.has(port)) throw new PortConflictError(`${PORT_FLAGS[name]} and ${PORT_FLAGS[seen.get(port)]} are both ${port}: give each endpoint its own port`);
    seen.set(port, name);
    if (!(await isPortFree(port, host))) throw new PortTakenError(name, port);
  }
  return ports;
}
