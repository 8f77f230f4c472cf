// A real aws-ses-v2-local server on a free loopback port, for tests that send
// through the AWS SDK exactly as the function does in the local cloud.

import sesLocalModule from 'aws-ses-v2-local';

const startServer = sesLocalModule.default ?? sesLocalModule;

export async function startSesLocal() {
  const server = await startServer({ host: '127.0.0.1', port: 0 });
  const endpoint = `http://127.0.0.1:${server.address().port}`;
  return {
    endpoint,
    async emails() {
      const response = await fetch(`${endpoint}/store`);
      if (!response.ok) throw new Error(`aws-ses-v2-local /store answered ${response.status}`);
      return (await response.json()).emails;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
