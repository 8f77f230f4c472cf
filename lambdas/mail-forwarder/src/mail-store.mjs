// Reads the raw mail that the receipt rule's S3 action stored.

import { GetObjectCommand } from '@aws-sdk/client-s3';

export class StoredMailNotFoundError extends Error {
  name = 'StoredMailNotFoundError';
}

export async function readStoredMail(s3, bucket, key) {
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await object.Body.transformToByteArray());
  } catch (error) {
    if (error?.name === 'NoSuchKey' || error?.name === 'NotFound' || error?.$metadata?.httpStatusCode === 404) {
      throw new StoredMailNotFoundError(
        `Stored mail s3://${bucket}/${key} not found: the receipt rule's S3 action must write to MAIL_BUCKET with MAIL_PREFIX before invoking this function`,
        { cause: error },
      );
    }
    throw error;
  }
}
