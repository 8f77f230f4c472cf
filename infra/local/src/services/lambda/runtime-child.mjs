// One invocation in its own process, as the Node.js Lambda runtime would run it: import the
// handler module from the task root, call it (async or callback style), report the result.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const errorPayload = (errorType, err) => ({
  errorType,
  errorMessage: err?.message ?? String(err),
  trace: String(err?.stack ?? '').split('\n'),
});

function reply(message) {
  process.send(message, () => process.exit(0));
}

process.once('message', async ({ taskRoot, handler, event, context }) => {
  const dot = handler.lastIndexOf('.');
  const moduleName = handler.slice(0, dot);
  const exportName = handler.slice(dot + 1);
  const file = ['.js', '.mjs', '.cjs'].map(ext => join(taskRoot, moduleName + ext)).find(existsSync);
  if (!file) {
    reply({ error: errorPayload('Runtime.ImportModuleError', new Error(`Error: Cannot find module '${moduleName}'`)) });
    return;
  }
  let fn;
  try {
    const mod = await import(pathToFileURL(file).href);
    fn = mod[exportName] ?? mod.default?.[exportName];
  } catch (err) {
    reply({ error: errorPayload('Runtime.ImportModuleError', err) });
    return;
  }
  if (typeof fn !== 'function') {
    reply({ error: errorPayload('Runtime.HandlerNotFound', new Error(`${handler} is undefined or not exported`)) });
    return;
  }
  const deadline = Date.now() + context.remainingMs;
  const ctx = { ...context, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  try {
    const result = fn.length >= 3
      ? await new Promise((resolve, reject) => {
        const maybe = fn(event, ctx, (err, value) => (err ? reject(err) : resolve(value)));
        if (maybe?.then) maybe.then(resolve, reject);
      })
      : await fn(event, ctx);
    reply({ payload: JSON.stringify(result ?? null) });
  } catch (err) {
    reply({ error: errorPayload(err?.name && err.name !== 'Error' ? err.name : 'Error', err) });
  }
});
