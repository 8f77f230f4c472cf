import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, test } from "node:test";
import { CONTACT_API_URL, GENERIC_FAILURE, submitContact } from "../src/contact/submit.mjs";

// A real HTTP server on loopback answers as the contact API would; each test
// sets how it answers and reads back what the form sent.
let server;
let baseUrl;
let answer;
let received;

before(async () => {
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received = { method: request.method, url: request.url, headers: request.headers, body };
      response.writeHead(answer.status, { "Content-Type": answer.type ?? "application/json" });
      response.end(answer.body);
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${server.address().port}`;
});

after(() => new Promise((resolve) => server.close(resolve)));

const values = { name: "Ada", email: "ada@example.com", message: "Hello from the test suite.", website: "" };
const send = (reply, overrides = {}) => {
  answer = reply;
  received = undefined;
  return submitContact({ ...values, ...overrides }, { url: `${baseUrl}/api/contact` });
};

describe("submitContact", () => {
  test("defaults to the same-origin API path when GATSBY_CONTACT_API_URL is unset", () => {
    assert.equal(CONTACT_API_URL, process.env.GATSBY_CONTACT_API_URL || "/api/contact");
  });

  test("POSTs exactly name, email, message and website as JSON", async () => {
    const outcome = await send({ status: 200, body: '{"ok":true}' }, { extra: "not sent" });
    assert.deepEqual(outcome, { kind: "sent" });
    assert.equal(received.method, "POST");
    assert.equal(received.url, "/api/contact");
    assert.match(received.headers["content-type"], /^application\/json/);
    assert.deepEqual(JSON.parse(received.body), values);
  });

  test("sends an empty honeypot as an empty string, never undefined", async () => {
    const { website: _omitted, ...withoutHoneypot } = values;
    answer = { status: 200, body: "{}" };
    await submitContact(withoutHoneypot, { url: `${baseUrl}/api/contact` });
    assert.equal(JSON.parse(received.body).website, "");
  });

  test("any 2xx counts as sent, even with an empty body", async () => {
    assert.deepEqual(await send({ status: 204, body: "" }), { kind: "sent" });
  });

  test("a 400 with per-field errors returns those errors", async () => {
    const body = JSON.stringify({ errors: { email: "That address bounced.", message: "Too short." } });
    assert.deepEqual(await send({ status: 400, body }), {
      kind: "invalid",
      errors: { email: "That address bounced.", message: "Too short." },
    });
  });

  test("a 400 keeps only messages for the form's own fields", async () => {
    const body = JSON.stringify({ errors: { email: "Bad.", __proto__: "x", website: "bot", name: 42 } });
    assert.deepEqual(await send({ status: 400, body }), { kind: "invalid", errors: { email: "Bad." } });
  });

  test("a 400 without usable field errors is a generic failure", async () => {
    for (const body of ["not json", "{}", '{"errors":"nope"}', '{"errors":{"website":"bot"}}', "null"]) {
      assert.deepEqual(await send({ status: 400, body }), { kind: "failed", message: GENERIC_FAILURE }, body);
    }
  });

  test("server errors and throttling are generic failures", async () => {
    for (const status of [403, 413, 429, 500, 502, 503]) {
      const body = JSON.stringify({ errors: { email: "ignored for non-400" } });
      assert.deepEqual(await send({ status, body }), { kind: "failed", message: GENERIC_FAILURE }, String(status));
    }
  });

  test("a network failure is a generic failure, not an exception", async () => {
    const closed = createServer();
    await new Promise((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${closed.address().port}/api/contact`;
    await new Promise((resolve) => closed.close(resolve));
    assert.deepEqual(await submitContact(values, { url }), { kind: "failed", message: GENERIC_FAILURE });
  });
});
