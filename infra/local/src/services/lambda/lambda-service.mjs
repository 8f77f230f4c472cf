// Lambda (REST-JSON, API version 2015-03-31): the calls a deploy makes — read a function, update
// its code from the regional artifact store, publish a version, move an alias — and Invoke.
// Every call is authorized by IAM as the action Lambda names (lambda:UpdateFunctionCode, …) on the
// function's ARN, qualified for versions and aliases; code from S3 is read with the caller's rights.
import { request as httpRequest } from 'node:http';
import { awsError } from '../../gateway/errors.mjs';
import { safeDecode } from '../../gateway/request.mjs';
import { sendJson, send } from '../respond.mjs';
import { CodeStore } from './code-store.mjs';

const PREFIX = '/2015-03-31/functions';

const ROUTES = [
  ['GET', /^$/, 'ListFunctions'],
  ['GET', /^\/([^/]+)$/, 'GetFunction'],
  ['GET', /^\/([^/]+)\/configuration$/, 'GetFunctionConfiguration'],
  ['PUT', /^\/([^/]+)\/configuration$/, 'UpdateFunctionConfiguration'],
  ['PUT', /^\/([^/]+)\/code$/, 'UpdateFunctionCode'],
  ['POST', /^\/([^/]+)\/versions$/, 'PublishVersion'],
  ['GET', /^\/([^/]+)\/versions$/, 'ListVersionsByFunction'],
  ['POST', /^\/([^/]+)\/aliases$/, 'CreateAlias'],
  ['GET', /^\/([^/]+)\/aliases$/, 'ListAliases'],
  ['GET', /^\/([^/]+)\/aliases\/([^/]+)$/, 'GetAlias'],
  ['PUT', /^\/([^/]+)\/aliases\/([^/]+)$/, 'UpdateAlias'],
  ['DELETE', /^\/([^/]+)\/aliases\/([^/]+)$/, 'DeleteAlias'],
  ['POST', /^\/([^/]+)\/invocations$/, 'Invoke'],
  ['DELETE', /^\/([^/]+)$/, 'DeleteFunction'],
];

const notFound = message => awsError(404, 'ResourceNotFoundException', message);
const invalid = message => awsError(400, 'InvalidParameterValueException', message);

function parseFunctionName(raw) {
  let m = /^arn:aws[\w-]*:lambda:([^:]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(raw);
  if (m) return { region: m[1], account: m[2], name: m[3], qualifier: m[4] };
  m = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(raw);
  if (m) return { account: m[1], name: m[2], qualifier: m[3] };
  m = /^([^:]+)(?::([^:]+))?$/.exec(raw);
  if (m) return { name: m[1], qualifier: m[2] };
  throw invalid(`1 validation error detected: Value '${raw}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern`);
}

const ACTIONS = { Invoke: 'lambda:InvokeFunction' };
const ALIAS_OPERATIONS = new Set(['CreateAlias', 'GetAlias', 'UpdateAlias', 'DeleteAlias']);

export function createLambdaService({ topology, authorizer, functions, codeStore, runtime, s3Port }) {
  function locate(rawName, region) {
    const parsed = parseFunctionName(rawName);
    const arn = `arn:aws:lambda:${parsed.region ?? region}:${parsed.account ?? topology.accountId}:function:${parsed.name}`;
    const fn = (parsed.region && parsed.region !== region) || (parsed.account && parsed.account !== topology.accountId)
      ? undefined : functions.find(parsed.name, region);
    if (!fn) throw notFound(`Function not found: ${arn}`);
    return { fn, qualifier: parsed.qualifier, arn };
  }

  function versionFor(fn, arn, qualifier) {
    const version = functions.resolveQualifier(fn, qualifier);
    if (!version) throw notFound(`Function not found: ${arn}:${qualifier}`);
    return version;
  }

  function assertNotUpdating(fn) {
    if (functions.lastUpdateStatus(fn.state) === 'InProgress') {
      throw awsError(409, 'ResourceConflictException', `The operation cannot be performed at this time. An update is in progress for resource: ${functions.functionArn(fn.spec)}`);
    }
  }

  function assertRevision(snapshotRevision, given) {
    if (given && given !== snapshotRevision) {
      throw awsError(412, 'PreconditionFailedException', 'The Revision Id provided does not match the latest Revision Id. Call the GetFunction/GetAlias API to retrieve the latest Revision Id');
    }
  }

  const operations = {
    ListFunctions: ({ region }) => ({
      Functions: topology.functions.filter(f => f.region === region).map(f => functions.configuration(functions.find(f.functionName, region))),
    }),

    GetFunction: ({ target }) => {
      const version = versionFor(target.fn, target.arn, target.qualifier);
      const configuration = functions.configuration(target.fn, version);
      if (target.qualifier) configuration.FunctionArn = `${target.arn}:${target.qualifier}`;
      return { Configuration: configuration, Code: { RepositoryType: 'S3' }, Tags: {} };
    },

    GetFunctionConfiguration: ({ target }) => {
      const version = versionFor(target.fn, target.arn, target.qualifier);
      const configuration = functions.configuration(target.fn, version);
      if (target.qualifier) configuration.FunctionArn = `${target.arn}:${target.qualifier}`;
      return configuration;
    },

    UpdateFunctionCode: async ({ target, body, region, authorize, principal }) => {
      const { fn } = target;
      if (body.ZipFile !== undefined || body.ImageUri !== undefined) {
        throw invalid('The local cloud takes function code only from the regional artifact store: pass S3Bucket and S3Key');
      }
      if (!body.S3Bucket || !body.S3Key) throw invalid('Please provide a source for function code: S3Bucket and S3Key (the regional artifact store).');
      assertRevision(fn.state.latest.revisionId, body.RevisionId);
      assertNotUpdating(fn);
      const bucket = topology.bucket(body.S3Bucket);
      if (bucket?.kind === 'artifact' && bucket.region !== region) {
        throw invalid(`Error occurred while GetObject. S3 Error Code: PermanentRedirect. S3 Error Message: The bucket is in this region: ${bucket.region}. Please use this region to retry the request`);
      }
      if (!bucket) throw invalid('Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
      // Lambda reads the object with the caller's permissions, decrypting through S3 with its key.
      await authorize('s3:GetObject', `arn:aws:s3:::${body.S3Bucket}/${body.S3Key}`);
      const encryption = authorizer.policies.bucket(body.S3Bucket)?.encryption;
      if (encryption?.algorithm === 'aws:kms' && encryption.kmsKeyArn) {
        // S3 decrypts with the bucket key: its encryption context is the bucket's ARN.
        await authorize('kms:Decrypt', encryption.kmsKeyArn, {
          'kms:ViaService': `s3.${bucket.region}.amazonaws.com`,
          'kms:CallerAccount': principal.account,
          'kms:EncryptionContext:aws:s3:arn': authorizer.policies.bucket(body.S3Bucket)?.arn ?? `arn:aws:s3:::${body.S3Bucket}`,
        });
      }
      const zip = await readObject(s3Port, body.S3Bucket, body.S3Key);
      if (!zip) throw invalid('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
      if (!CodeStore.entries(zip)) throw invalid('Could not unzip uploaded file. Please check your file, then try to upload again.');
      if (body.DryRun) return functions.configuration(fn);
      functions.updateCode(fn, codeStore.put(zip));
      if (body.Publish) {
        const version = functions.publish(fn);
        return functions.configuration(fn, version);
      }
      return functions.configuration(fn);
    },

    PublishVersion: ({ target, body }) => {
      const { fn } = target;
      assertNotUpdating(fn);
      if (body.CodeSha256 && body.CodeSha256 !== fn.state.latest.codeSha256) {
        throw awsError(412, 'PreconditionFailedException', `CodeSHA256 (${body.CodeSha256}) is different from current CodeSHA256 in $LATEST (${fn.state.latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`);
      }
      assertRevision(fn.state.latest.revisionId, body.RevisionId);
      return [201, functions.configuration(fn, functions.publish(fn, body.Description))];
    },

    ListVersionsByFunction: ({ target }) => ({
      Versions: ['$LATEST', ...Object.keys(target.fn.state.versions).sort((a, b) => a - b)].map(v => functions.configuration(target.fn, v)),
    }),

    CreateAlias: ({ target, body }) => {
      const { fn } = target;
      if (!body.Name || !/^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/.test(body.Name)) throw invalid(`Alias name ${body.Name ?? 'null'} is not valid`);
      if (fn.state.aliases[body.Name]) throw awsError(409, 'ResourceConflictException', `Alias already exists: ${functions.functionArn(fn.spec, body.Name)}`);
      versionFor(fn, target.arn, body.FunctionVersion ?? 'missing');
      functions.setAlias(fn, body.Name, { functionVersion: body.FunctionVersion, description: body.Description ?? '' });
      return [201, functions.aliasConfiguration(fn, body.Name)];
    },

    ListAliases: ({ target }) => ({ Aliases: Object.keys(target.fn.state.aliases).map(name => functions.aliasConfiguration(target.fn, name)) }),

    GetAlias: ({ target, aliasName }) => {
      const alias = functions.aliasConfiguration(target.fn, aliasName);
      if (!alias) throw notFound(`Cannot find alias arn: ${target.arn}:${aliasName}`);
      return alias;
    },

    UpdateAlias: ({ target, aliasName, body }) => {
      const { fn } = target;
      const alias = functions.aliasConfiguration(fn, aliasName);
      if (!alias) throw notFound(`Alias not found: ${target.arn}:${aliasName}`);
      assertRevision(alias.RevisionId, body.RevisionId);
      if (body.FunctionVersion !== undefined) versionFor(fn, target.arn, body.FunctionVersion);
      functions.setAlias(fn, aliasName, { functionVersion: body.FunctionVersion, description: body.Description });
      return functions.aliasConfiguration(fn, aliasName);
    },

    DeleteAlias: ({ target, aliasName }) => {
      functions.deleteAlias(target.fn, aliasName);
      return [204, undefined];
    },

    Invoke: async ({ target, request, res }) => {
      const { fn } = target;
      const qualifier = request.query.Qualifier ?? target.qualifier;
      const version = versionFor(fn, target.arn, qualifier);
      let event = {};
      if (request.body.length) {
        try {
          event = JSON.parse(request.body.toString('utf8'));
        } catch {
          throw awsError(400, 'InvalidRequestContentException', 'Could not parse request body into json: Could not parse payload into json');
        }
      }
      const invocationType = request.headers['x-amz-invocation-type'] ?? 'RequestResponse';
      const configuration = functions.configuration(fn, version);
      const snapshot = functions.snapshot(fn, version);
      if (invocationType === 'DryRun') return send(res, 204, {});
      if (invocationType === 'Event') {
        runtime.invoke({ configuration, snapshot, event }).catch(() => {});
        return send(res, 202, {});
      }
      if (invocationType !== 'RequestResponse') throw invalid(`Invalid InvocationType ${invocationType}`);
      const outcome = await runtime.invoke({ configuration, snapshot, event });
      const headers = { 'content-type': 'application/json', 'x-amz-executed-version': version };
      if (outcome.functionError) headers['x-amz-function-error'] = outcome.functionError;
      if (request.headers['x-amz-log-type'] === 'Tail') headers['x-amz-log-result'] = Buffer.from(outcome.log).subarray(-4096).toString('base64');
      return send(res, 200, headers, outcome.payload);
    },
  };

  return {
    async handle({ request, res, principal, region, requestId }) {
      const route = request.rawPath.startsWith(PREFIX) ? request.rawPath.slice(PREFIX.length) : undefined;
      const match = route === undefined ? undefined
        : ROUTES.map(([method, pattern, name]) => method === request.method && pattern.exec(route) && { name, m: pattern.exec(route) }).find(Boolean);
      if (!match || !Object.hasOwn(operations, match.name)) {
        const name = match?.name ?? `${request.method} ${request.rawPath}`;
        throw awsError(404, 'UnknownOperationException', `The local cloud's Lambda does not implement ${name}; it serves ${Object.keys(operations).join(', ')}`);
      }
      const target = match.m[1] ? locate(safeDecode(match.m[1]), region) : undefined;
      const aliasName = match.m[2] ? safeDecode(match.m[2]) : undefined;
      if (target && !target.qualifier && request.query.Qualifier) target.qualifier = request.query.Qualifier;
      const qualifier = ALIAS_OPERATIONS.has(match.name) ? (aliasName ?? (match.name === 'CreateAlias' ? undefined : target?.qualifier)) : target?.qualifier;
      const resourceArn = target ? functions.functionArn(target.fn.spec, qualifier) : '*';
      const authorize = (action, resource, context = {}) => authorizer.authorize({ principal, action, resource, context, region, protocol: 'rest-json', operation: `lambda ${match.name}` });
      await authorize(ACTIONS[match.name] ?? `lambda:${match.name}`, resourceArn);
      let body = {};
      if (match.name !== 'Invoke' && request.body.length) {
        try {
          body = JSON.parse(request.body.toString('utf8'));
        } catch {
          throw awsError(400, 'InvalidRequestContentException', 'Could not parse request body into json');
        }
      }
      const result = await operations[match.name]({ target, body, region, request, res, aliasName, authorize, principal });
      if (res.headersSent) return;
      const [status, value] = Array.isArray(result) ? result : [200, result];
      if (value === undefined) send(res, status, { 'x-amzn-requestid': requestId });
      else sendJson(res, status, value, { requestId });
    },
  };
}

function readObject(port, bucket, key) {
  const path = `/${encodeURIComponent(bucket)}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return new Promise((resolve, reject) => {
    httpRequest({ host: '127.0.0.1', port, path, headers: { 'x-amz-local-cloud': 'lambda' } }, res => {
      const chunks = [];
      res.on('data', c => chunks.push(c));
      res.on('end', () => resolve(res.statusCode === 200 ? Buffer.concat(chunks) : undefined));
    }).on('error', reject).end();
  });
}
