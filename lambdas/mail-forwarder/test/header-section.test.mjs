import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fieldValue, HeaderSection } from '../src/header-section.mjs';

test('fields keep their folding; values unfold', () => {
  const section = HeaderSection.parse(Buffer.from('Subject: a long\r\n\tsubject line\r\nFrom:  Alice\r\n <a@x.io>\r\n\r\nbody'));
  assert.deepEqual(section.fields.map((field) => field.name), ['subject', 'from']);
  assert.equal(section.fields[0].raw, 'Subject: a long\r\n\tsubject line\r\n');
  assert.equal(fieldValue(section.fields[0]), 'a long\tsubject line');
  assert.equal(fieldValue(section.fields[1]), 'Alice <a@x.io>');
  assert.equal(section.eol, '\r\n');
  assert.equal(section.rest.toString(), '\r\nbody');
});

test('LF-only messages are read the same way', () => {
  const section = HeaderSection.parse(Buffer.from('From: Alice\n  <a@x.io>\nTo: b@x.io\n\nbody\n'));
  assert.equal(section.eol, '\n');
  assert.deepEqual(section.fields.map((field) => field.name), ['from', 'to']);
  assert.equal(fieldValue(section.fields[0]), 'Alice  <a@x.io>');
  assert.equal(section.rest.toString(), '\nbody\n');
});

test('parse then write is the identity, whatever the bytes', () => {
  const body = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  for (const head of ['A: 1\r\nB: 2\r\n\r\n', 'A: 1\n\n', 'X-8bit: caf\xe9\r\n\r\n', '\r\n', 'From mbox line\nA: b\n\n']) {
    const message = Buffer.concat([Buffer.from(head, 'latin1'), body]);
    assert.deepEqual(HeaderSection.parse(message).toBuffer(), message, JSON.stringify(head));
  }
});

test('the body starts after the first empty line, even if it looks like headers', () => {
  const section = HeaderSection.parse(Buffer.from('A: 1\r\n\r\nB: 2\r\n\r\nC: 3'));
  assert.deepEqual(section.fields.map((field) => field.name), ['a']);
  assert.equal(section.rest.toString(), '\r\nB: 2\r\n\r\nC: 3');
});

test('a message without a body is all header', () => {
  const section = HeaderSection.parse(Buffer.from('A: 1\r\nB: 2'));
  assert.deepEqual(section.fields.map((field) => field.raw), ['A: 1\r\n', 'B: 2\r\n']);
  assert.equal(section.rest.length, 0);
});

test('header names are matched without case', () => {
  const section = HeaderSection.parse(Buffer.from('dKiM-sIgNaTuRe: x\r\nFROM: y\r\n\r\n'));
  assert.deepEqual(section.fields.map((field) => field.name), ['dkim-signature', 'from']);
});
