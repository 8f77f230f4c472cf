import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { byTag, find, findOne, htmlPage, requireBuiltSite, text } from "../testing/built-site.mjs";

requireBuiltSite();

let page;
let form;
before(async () => {
  page = await htmlPage("contact/index.html");
  form = findOne(page.doc, byTag("form"));
});

const byId = (id) => findOne(form, (el) => el.attribs?.id === id);
const labelFor = (id) => findOne(form, (el) => el.name === "label" && el.attribs.for === id);

describe("contact page", () => {
  test("has a form that validates in script rather than with the browser's bubbles", () => {
    assert.ok(form, "no <form> on /contact/");
    assert.ok("novalidate" in form.attribs, "the form should have novalidate");
  });

  test("has labelled, required name, email and message fields with the documented limits", () => {
    const expected = [
      { id: "name", tag: "input", type: "text", maxlength: "100", autocomplete: "name" },
      { id: "email", tag: "input", type: "email", maxlength: "254", autocomplete: "email" },
      { id: "message", tag: "textarea", maxlength: "5000", minlength: "10" },
    ];
    for (const field of expected) {
      const element = byId(field.id);
      assert.ok(element, `no #${field.id}`);
      assert.equal(element.name, field.tag, `#${field.id} element`);
      assert.equal(element.attribs.name, field.id, `#${field.id} name`);
      assert.ok("required" in element.attribs, `#${field.id} is not required`);
      for (const attribute of ["type", "maxlength", "minlength", "autocomplete"]) {
        if (field[attribute]) assert.equal(element.attribs[attribute], field[attribute], `#${field.id} ${attribute}`);
      }
      assert.ok(labelFor(field.id) && text(labelFor(field.id)), `#${field.id} has no label`);
    }
  });

  test("has a honeypot named website that people can neither see nor tab to", () => {
    const honeypot = byId("website");
    assert.ok(honeypot, "no #website honeypot");
    assert.equal(honeypot.attribs.name, "website");
    assert.equal(honeypot.attribs.tabindex, "-1");
    assert.equal(honeypot.attribs.autocomplete, "off");
    assert.ok(!("required" in honeypot.attribs), "the honeypot must not be required");
    const wrapper = honeypot.parent;
    assert.equal(wrapper.attribs["aria-hidden"], "true", "screen readers should skip the honeypot");
    const hiddenRule = new RegExp(`\\.${wrapper.attribs.class}\\{[^}]*left:-\\d{4,}px`);
    assert.match(page.html, hiddenRule, "the honeypot's wrapper is not moved off-screen by the inlined CSS");
  });

  test("has one submit button and live regions for success and failure", () => {
    const buttons = find(form, byTag("button"));
    assert.equal(buttons.length, 1);
    assert.equal(buttons[0].attribs.type, "submit");
    assert.ok(!("disabled" in buttons[0].attribs), "the button starts enabled");
    assert.ok(findOne(form, (el) => el.attribs?.role === "status"), "no role=status region for success");
    assert.ok(findOne(form, (el) => el.attribs?.role === "alert"), "no role=alert region for errors");
  });
});
