import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LIMITS, hasErrors, validateContact } from "../src/contact/validate.mjs";

const valid = { name: "Ada Lovelace", email: "ada@example.com", message: "Hello there, lovely pipeline." };
const errorsFor = (changes) => validateContact({ ...valid, ...changes });

describe("validateContact", () => {
  test("accepts a complete, well-formed message", () => {
    assert.deepEqual(validateContact(valid), {});
    assert.equal(hasErrors(validateContact(valid)), false);
  });

  test("reports every missing field at once", () => {
    const errors = validateContact({});
    assert.deepEqual(Object.keys(errors).sort(), ["email", "message", "name"]);
    assert.equal(hasErrors(errors), true);
  });

  test("treats whitespace-only fields as missing", () => {
    const errors = validateContact({ name: "   ", email: "\t", message: " \n " });
    assert.match(errors.name, /enter your name/);
    assert.match(errors.email, /enter your email/);
    assert.match(errors.message, /write a message/);
  });

  describe("name", () => {
    test(`allows exactly ${LIMITS.nameMax} characters`, () => {
      assert.equal(errorsFor({ name: "n".repeat(LIMITS.nameMax) }).name, undefined);
    });
    test(`rejects ${LIMITS.nameMax + 1} characters`, () => {
      assert.match(errorsFor({ name: "n".repeat(LIMITS.nameMax + 1) }).name, /at most 100/);
    });
    test("counts an emoji as one character", () => {
      assert.equal(errorsFor({ name: "😀".repeat(LIMITS.nameMax) }).name, undefined);
    });
    test("rejects line breaks and control characters, which would reach a mail header", () => {
      for (const name of ["Ada\r\nBcc: x@example.com", "Ada\nLovelace", "Ada\u0000", "Ada\u007f"]) {
        assert.match(errorsFor({ name }).name, /one line/, JSON.stringify(name));
      }
    });
    test("ignores surrounding spaces when counting", () => {
      assert.equal(errorsFor({ name: `  ${"n".repeat(LIMITS.nameMax)}  ` }).name, undefined);
    });
  });

  describe("email", () => {
    const accepted = [
      "ada@example.com",
      "first.last@sub.example.co.uk",
      "user+tag@example.io",
      "o'brien@example.ie",
      "x@a-b.example",
      "  padded@example.com  ",
      "trailing-newline@example.com\n",
    ];
    const rejected = [
      "plainaddress",
      "@example.com",
      "ada@",
      "ada@example",
      "ada@@example.com",
      "ada example@example.com",
      "ada@exam ple.com",
      "ada@-example.com",
      "ada@example-.com",
      "ada..lovelace@example.com",
      "ada@example..com",
      "ada@example.com\r\nBcc: victim@example.com",
      "<ada@example.com>",
      `${"l".repeat(65)}@example.com`,
    ];
    for (const email of accepted) {
      test(`accepts ${JSON.stringify(email)}`, () => assert.equal(errorsFor({ email }).email, undefined));
    }
    for (const email of rejected) {
      test(`rejects ${JSON.stringify(email)}`, () => assert.match(errorsFor({ email }).email ?? "", /valid email/));
    }
    test(`allows ${LIMITS.emailMax} characters and rejects ${LIMITS.emailMax + 1}`, () => {
      const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.${"g".repeat(60)}.com`;
      const at = (length) => `${"l".repeat(length - domain.length - 1)}@${domain}`;
      assert.equal(at(LIMITS.emailMax).length, LIMITS.emailMax);
      assert.equal(errorsFor({ email: at(LIMITS.emailMax) }).email, undefined);
      assert.match(errorsFor({ email: at(LIMITS.emailMax + 1) }).email, /at most 254/);
    });
  });

  describe("message", () => {
    test(`rejects ${LIMITS.messageMin - 1} characters`, () => {
      assert.match(errorsFor({ message: "m".repeat(LIMITS.messageMin - 1) }).message, /at least 10/);
    });
    test(`allows ${LIMITS.messageMin} and ${LIMITS.messageMax} characters`, () => {
      assert.equal(errorsFor({ message: "m".repeat(LIMITS.messageMin) }).message, undefined);
      assert.equal(errorsFor({ message: "m".repeat(LIMITS.messageMax) }).message, undefined);
    });
    test(`rejects ${LIMITS.messageMax + 1} characters`, () => {
      assert.match(errorsFor({ message: "m".repeat(LIMITS.messageMax + 1) }).message, /at most 5000/);
    });
    test("keeps line breaks: a message may have paragraphs", () => {
      assert.equal(errorsFor({ message: "First line.\r\n\r\nSecond paragraph." }).message, undefined);
    });
    test("does not count surrounding whitespace towards the minimum", () => {
      assert.match(errorsFor({ message: `   ${"m".repeat(LIMITS.messageMin - 1)}   ` }).message, /at least/);
    });
  });

  test("only the failing field is reported", () => {
    assert.deepEqual(Object.keys(errorsFor({ email: "nope" })), ["email"]);
  });

  test("does not look at the honeypot: the server decides what a filled one means", () => {
    assert.deepEqual(validateContact({ ...valid, website: "http://spam.example" }), {});
  });
});
