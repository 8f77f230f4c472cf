// STS (Query protocol, XML): AssumeRole of any role infra/ creates, allowed when both the caller's
// identity policies and the role's trust policy allow it (iam/authorizer.mjs), and
// GetCallerIdentity.
import { awsError } from '../gateway/errors.mjs';
import { formParameters } from '../gateway/request.mjs';
import { el } from '../xml.mjs';
import { sendXml } from './respond.mjs';

const NS = { xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' };
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export function createStsService({ authorizer, identities }) {
  const actions = {
    GetCallerIdentity({ principal }) {
      return el('GetCallerIdentityResult', [el('Arn', principal.arn), el('UserId', principal.userId), el('Account', principal.account)]);
    },
    async AssumeRole({ principal, params, region }) {
      const roleArn = params.RoleArn;
      const sessionName = params.RoleSessionName;
      if (!roleArn) throw validation("1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null");
      if (!sessionName || !SESSION_NAME.test(sessionName)) {
        throw validation(`1 validation error detected: Value '${sessionName ?? 'null'}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`);
      }
      const duration = params.DurationSeconds === undefined ? 3600 : Number(params.DurationSeconds);
      if (!Number.isInteger(duration) || duration < 900) {
        throw validation(`1 validation error detected: Value '${params.DurationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`);
      }
      if (duration > 3600) throw validation('The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
      await authorizer.authorize({
        principal, action: 'sts:AssumeRole', resource: roleArn, region, protocol: 'query', operation: 'sts AssumeRole',
        context: { 'sts:RoleSessionName': sessionName, ...(params.ExternalId ? { 'sts:ExternalId': params.ExternalId } : {}) },
      });
      // Only roles infra/ creates exist; the trust policy of any other refuses above, as IAM does.
      const session = identities.assumeRole({ roleArn, sessionName, durationSeconds: duration });
      return el('AssumeRoleResult', [
        el('AssumedRoleUser', [el('AssumedRoleId', session.principal.assumedRoleId), el('Arn', session.principal.arn)]),
        el('Credentials', [
          el('AccessKeyId', session.accessKeyId),
          el('SecretAccessKey', session.secretAccessKey),
          el('SessionToken', session.sessionToken),
          el('Expiration', session.expiration),
        ]),
        el('SourceIdentity', params.SourceIdentity),
      ]);
    },
  };

  return {
    async handle({ request, res, principal, region, requestId }) {
      const params = formParameters(request);
      const action = params.Action;
      if (!action || !Object.hasOwn(actions, action)) {
        throw awsError(400, 'InvalidAction', `Could not find operation ${action ?? '(no Action)'} for version ${params.Version ?? '(no Version)'}; the local cloud's STS serves ${Object.keys(actions).join(', ')}`);
      }
      if (params.Version !== '2011-06-15') throw awsError(400, 'InvalidAction', `Could not find operation ${action} for version ${params.Version}`);
      const result = await actions[action]({ principal, params, region });
      sendXml(res, 200, el(`${action}Response`, [result, el('ResponseMetadata', [el('RequestId', requestId)])], NS), {}, requestId);
    },
  };
}

const validation = message => awsError(400, 'ValidationError', message);
