// An SES v2 client stand-in that records every command it is asked to send,
// so tests assert exactly what would leave for SES.

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

export const silentLog = { info() {}, error() {}, warn() {} };

export function capturingLog() {
  const lines = [];
  return { lines, info: (line) => lines.push(line), error: (line) => lines.push(line), warn: (line) => lines.push(line) };
}
