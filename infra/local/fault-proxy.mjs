#!/usr/bin/env node
// Usage: node infra/local/fault-proxy.mjs --target http://127.0.0.1:4566 --rate 0.1 [--seed 1] [--port 0]
//   [--services s3,kms,sts,lambda,cloudfront] [--kinds internal-error,slow-down,...] [--stats-file FILE]
//   [--hold-match REGEX --hold-at K [--hold-after-forward]]
// Starts a fault-injecting proxy in front of the local cloud's AWS endpoint (src/faults/fault-proxy.mjs),
// prints {"endpoint": …} as one JSON line, runs until SIGTERM/SIGINT and then writes its counts
// ({"requests": n, "faults": {kind: n}}) to --stats-file. With --hold-match it holds the K-th request whose
// "service METHOD url" matches REGEX unanswered (after the cloud answered it, with --hold-after-forward) and
// prints {"held": {...}} as one JSON line: a crash test kills its client then. Bad input: one line on stderr, exit 2.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createFaultProxy, FAULT_KINDS } from './src/faults/fault-proxy.mjs';

let options;
let proxy;
try {
  const { values } = parseArgs({ options: {
    target: { type: 'string' }, rate: { type: 'string' }, seed: { type: 'string', default: '1' }, port: { type: 'string', default: '0' },
    services: { type: 'string' }, kinds: { type: 'string' }, 'stats-file': { type: 'string' },
    'hold-match': { type: 'string' }, 'hold-at': { type: 'string' }, 'hold-after-forward': { type: 'boolean' },
  } });
  if ((values['hold-match'] === undefined) !== (values['hold-at'] === undefined)) throw new Error('--hold-match and --hold-at go together');
  if (!values.target || values.rate === undefined) throw new Error('--target and --rate are required');
  options = {
    target: values.target,
    rate: Number(values.rate),
    seed: Number(values.seed),
    port: Number(values.port),
    services: values.services?.split(','),
    kinds: values.kinds?.split(',') ?? FAULT_KINDS,
    statsFile: values['stats-file'],
    hold: values['hold-match'] === undefined ? undefined : {
      match: new RegExp(values['hold-match']),
      at: Number(values['hold-at']),
      afterForward: values['hold-after-forward'] ?? false,
      onHold: held => process.stdout.write(`${JSON.stringify({ held })}\n`),
    },
  };
  proxy = createFaultProxy({ ...options, log: line => process.stderr.write(`${line}\n`) });
} catch (err) {
  process.stderr.write(`fault-proxy: ${err.message}: see the usage at the top of infra/local/fault-proxy.mjs\n`);
  process.exit(2);
}
proxy.listen(options.port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ endpoint: `http://127.0.0.1:${proxy.address().port}` })}\n`);
});
const stop = () => {
  if (options.statsFile) writeFileSync(options.statsFile, JSON.stringify(proxy.stats));
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
