// Lambda entry (handler "index.handler"). Configuration is read at cold start so
// a missing variable fails the function's init with one line naming it. The
// SES client comes from the Lambda runtime's AWS SDK; its endpoint honours
// AWS_ENDPOINT_URL_SESV2 / AWS_ENDPOINT_URL, which is how the local cloud
// points it at aws-ses-v2-local.

import { SESv2Client } from '@aws-sdk/client-sesv2';
import { readConfig } from './src/config.mjs';
import { createHandler } from './src/handler.mjs';

const config = readConfig(process.env);

export const handler = createHandler({ ses: new SESv2Client({}), config });
