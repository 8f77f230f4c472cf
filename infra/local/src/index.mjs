export { startLocalCloud } from './local-cloud.mjs';
export { endpointsFor, DEFAULT_STATE_DIR, DEFAULT_ENVIRONMENTS } from './paths.mjs';
export { loadTopology, BUILD_IDENTITY } from './topology.mjs';
export { DEFAULT_PORTS } from './ports.mjs';
