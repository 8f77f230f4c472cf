// Child process: aws-ses-v2-local (the SES v1/v2 emulator with its mail store at /store and a
// web view at /). Exits when its parent goes away.
import sesServer from 'aws-ses-v2-local';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'state-dir': { type: 'string' } } });
const start = sesServer.default ?? sesServer;
try {
  const server = await start({ host: '127.0.0.1', port: Number(values.port) });
  process.send?.({ ready: true, port: server.address().port });
  const stop = () => server.close(() => process.exit(0));
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`aws-ses-v2-local failed to start: ${err.message}`);
  process.exit(1);
}
