// Lambda entry (handler "index.handler"). Configuration is read at cold start so
// a missing variable fails the function's init with one line naming it. The S3
// and SES clients come from the Lambda runtime's AWS SDK; their endpoints honour
// AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL_SESV2 / AWS_ENDPOINT_URL (the local cloud).

import { S3Client } from '@aws-sdk/client-s3';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { readConfig } from './src/config.mjs';
import { createHandler } from './src/handler.mjs';

const config = readConfig(process.env);

export const handler = createHandler({ s3: new S3Client({}), ses: new SESv2Client({}), config });
