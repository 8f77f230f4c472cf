// S3 and SES v2 client stand-ins: the S3 one serves objects from a map (and
// answers NoSuchKey like S3 for others), the SES one records what it is asked to send.

export class MapS3 {
  requests = [];

  constructor(objects = {}) {
    this.objects = new Map(Object.entries(objects));
  }

  async send(command) {
    const { Bucket, Key } = command.input;
    this.requests.push({ name: command.constructor.name, Bucket, Key });
    const body = this.objects.get(`${Bucket}/${Key}`);
    if (body === undefined) {
      throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey', $metadata: { httpStatusCode: 404 } });
    }
    const bytes = Buffer.from(body);
    return { Body: { transformToByteArray: async () => new Uint8Array(bytes) } };
  }
}

export class RecordingSes {
  sent = [];
  #failure;

  failWith(error) {
    this.#failure = error;
    return this;
  }

  async send(command) {
    this.sent.push({ name: command.constructor.name, input: command.input });
    if (this.#failure) throw this.#failure;
    return { MessageId: `fake-${this.sent.length}` };
  }
}

export function capturingLog() {
  const lines = [];
  const record = (line) => lines.push(line);
  return { lines, info: record, warn: record, error: record };
}
