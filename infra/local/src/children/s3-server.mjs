// Child process: s3rver on the internal S3 port, its files under <state>/s3. Started with
// --openssl-legacy-provider (s3rver's MD5-based listing needs it on Node 20 past 1,000 keys).
// Exits when its parent goes away, so no S3 server outlives the local cloud.
import S3rver from 's3rver';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, directory: { type: 'string' }, 'state-dir': { type: 'string' }, config: { type: 'string' } } });
const { buckets } = JSON.parse(values.config);

const server = new S3rver({
  address: '127.0.0.1',
  port: Number(values.port),
  directory: values.directory,
  silent: true,
  configureBuckets: buckets.map(name => ({ name, configs: [] })),
});

try {
  const { port } = await server.run();
  process.send?.({ ready: true, port });
} catch (err) {
  console.error(`s3rver failed to start: ${err.message}`);
  process.exit(1);
}
process.on('disconnect', () => server.close(() => process.exit(0)));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
