// SES receipt events (Lambda action, as in the SES developer guide), and the
// configuration the function reads from its environment.

export const CONFIG = Object.freeze({
  mailBucket: 'jamstack-mail-test',
  mailPrefix: 'inbound/',
  fromAddress: 'forwarder@blog.example.com',
  forwardTo: 'owner@blog.example.com',
});

export function receiptEvent({ messageId = 'o3vrnil0e2ic28trm7dfhrc2v0clambda4nbp0g1', spam = 'PASS', virus = 'PASS', source = 'alice@example.com' } = {}) {
  return {
    Records: [
      {
        eventSource: 'aws:ses',
        eventVersion: '1.0',
        ses: {
          mail: {
            timestamp: '2024-05-01T12:00:00.000Z',
            source,
            messageId,
            destination: ['info@blog.example.com'],
            headersTruncated: false,
            headers: [],
            commonHeaders: { returnPath: source, from: [`Alice <${source}>`], to: ['info@blog.example.com'], subject: 'Hello' },
          },
          receipt: {
            timestamp: '2024-05-01T12:00:00.000Z',
            processingTimeMillis: 420,
            recipients: ['info@blog.example.com'],
            spamVerdict: { status: spam },
            virusVerdict: { status: virus },
            spfVerdict: { status: 'PASS' },
            dkimVerdict: { status: 'PASS' },
            dmarcVerdict: { status: 'PASS' },
            action: { type: 'Lambda', functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:mail-forwarder', invocationType: 'Event' },
          },
        },
      },
    ],
  };
}
