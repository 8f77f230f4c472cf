// Runs a function version's code in a child process with the function's environment, the
// execution role's session credentials and endpoints pointing back at the local cloud.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'runtime-child.mjs');

export class LambdaRuntime {
  #codeStore;
  #identities;
  #endpoints;
  #logDir;

  #authorizer;

  constructor({ codeStore, identities, authorizer, endpoints, logDir }) {
    this.#authorizer = authorizer;
    this.#codeStore = codeStore;
    this.#identities = identities;
    this.#endpoints = endpoints;
    this.#logDir = logDir;
    mkdirSync(logDir, { recursive: true });
  }

  /**
   * @returns {Promise<{ payload: string, functionError?: string, log: string }>}
   */
  async invoke({ configuration, snapshot, event, timeoutMs = configuration.Timeout * 1000 }) {
    const requestId = randomUUID();
    const started = Date.now();
    const logLines = [`START RequestId: ${requestId} Version: ${configuration.Version}`];
    const finish = outcome => {
      const duration = Date.now() - started;
      logLines.push(`END RequestId: ${requestId}`, `REPORT RequestId: ${requestId}\tDuration: ${duration} ms\tMemory Size: ${configuration.MemorySize} MB`);
      const log = `${logLines.join('\n')}\n`;
      appendFileSync(join(this.#logDir, `${configuration.FunctionName}.log`), log);
      return { ...outcome, log, requestId };
    };
    if (snapshot.placeholder) {
      return finish({ functionError: 'Unhandled', payload: JSON.stringify({ errorType: 'Runtime.ImportModuleError', errorMessage: "Error: Cannot find module 'index' (the function has only its placeholder code: deploy it first)", trace: [] }) });
    }
    const taskRoot = this.#codeStore.taskRoot(snapshot.codeId);
    const [, , , region, account] = configuration.FunctionArn.split(':');
    // Lambda assumes the execution role as the service, which the role's trust policy must allow.
    try {
      await this.#authorizer.authorize({
        principal: { service: 'lambda.amazonaws.com' }, action: 'sts:AssumeRole', resource: configuration.Role, protocol: 'query',
        operation: 'lambda AssumeRole (execution role)', sourceAccount: account, sourceArn: configuration.FunctionArn.split(':').slice(0, 7).join(':'),
      });
    } catch (err) {
      return finish({ functionError: 'Unhandled', payload: JSON.stringify({ errorType: 'Runtime.AssumeRoleFailed', errorMessage: `The execution role ${configuration.Role} cannot be assumed by Lambda: ${err.message}` }) });
    }
    const session = this.#identities.functionSession(configuration.FunctionName, configuration.Role);
    const env = {
      PATH: process.env.PATH,
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      ...configuration.Environment.Variables,
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs20.x',
      AWS_LAMBDA_FUNCTION_NAME: configuration.FunctionName,
      AWS_LAMBDA_FUNCTION_VERSION: configuration.Version,
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(configuration.MemorySize),
      AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${configuration.FunctionName}`,
      AWS_LAMBDA_LOG_STREAM_NAME: `local/${requestId}`,
      LAMBDA_TASK_ROOT: taskRoot,
      AWS_ACCESS_KEY_ID: session.accessKeyId,
      AWS_SECRET_ACCESS_KEY: session.secretAccessKey,
      AWS_SESSION_TOKEN: session.sessionToken,
      // Every SDK call goes to the gateway, which checks the execution role's signature and, for
      // SES, passes the call on to aws-ses-v2-local.
      AWS_ENDPOINT_URL: this.#endpoints.api,
      AWS_ENDPOINT_URL_SESV2: this.#endpoints.api,
      AWS_ENDPOINT_URL_SES: this.#endpoints.api,
      // Keep a developer's ~/.aws profiles out of the function.
      AWS_CONFIG_FILE: join(taskRoot, '.no-aws-config'),
      AWS_SHARED_CREDENTIALS_FILE: join(taskRoot, '.no-aws-credentials'),
    };
    const context = {
      functionName: configuration.FunctionName,
      functionVersion: configuration.Version,
      invokedFunctionArn: configuration.FunctionArn,
      memoryLimitInMB: String(configuration.MemorySize),
      awsRequestId: requestId,
      logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      remainingMs: timeoutMs,
    };
    const outcome = await new Promise(resolve => {
      const child = fork(CHILD, [], { cwd: taskRoot, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
      let result;
      const collect = stream => stream.on('data', chunk => {
        for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(line);
      });
      collect(child.stdout);
      collect(child.stderr);
      const timer = setTimeout(() => {
        result ??= { functionError: 'Unhandled', payload: JSON.stringify({ errorMessage: `${new Date().toISOString()} ${requestId} Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds` }) };
        child.kill('SIGKILL');
      }, timeoutMs);
      child.on('message', message => {
        result ??= message.error ? { functionError: 'Unhandled', payload: JSON.stringify(message.error) } : { payload: message.payload };
      });
      // 'close' comes after the exit and the last log line, so logs are complete.
      child.on('close', (code, signal) => {
        clearTimeout(timer);
        resolve(result ?? {
          functionError: 'Unhandled',
          payload: JSON.stringify({ errorType: 'Runtime.ExitError', errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: ${signal ? `signal: ${signal}` : `exit status ${code}`}` }),
        });
      });
      child.send({ taskRoot, handler: 'index.handler', event, context });
    });
    return finish(outcome);
  }
}
