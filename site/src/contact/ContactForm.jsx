import * as React from "react";
import { LIMITS, hasErrors, validateContact } from "./validate.mjs";
import { submitContact } from "./submit.mjs";

const EMPTY = { name: "", email: "", message: "", website: "" };
const FIELD_ORDER = ["name", "email", "message"];

export default function ContactForm() {
  const [values, setValues] = React.useState(EMPTY);
  const [errors, setErrors] = React.useState({});
  const [status, setStatus] = React.useState({ kind: "idle" });
  const formRef = React.useRef(null);
  const sending = status.kind === "sending";

  const update = (event) => {
    const { name, value } = event.target;
    setValues((current) => ({ ...current, [name]: value }));
    // A corrected field stops shouting; other fields keep their messages.
    if (errors[name]) setErrors(({ [name]: _fixed, ...rest }) => rest);
  };

  const focusFirstError = (found) => {
    const first = FIELD_ORDER.find((field) => found[field]);
    if (first) formRef.current?.querySelector(`#${first}`)?.focus();
  };

  const send = async (event) => {
    event.preventDefault();
    if (sending) return;
    const found = validateContact(values);
    setErrors(found);
    if (hasErrors(found)) {
      setStatus({ kind: "idle" });
      focusFirstError(found);
      return;
    }
    setStatus({ kind: "sending" });
    const outcome = await submitContact({
      name: values.name.trim(),
      email: values.email.trim(),
      message: values.message.trim(),
      website: values.website,
    });
    if (outcome.kind === "sent") {
      setValues(EMPTY);
      setStatus({ kind: "sent" });
    } else if (outcome.kind === "invalid") {
      setErrors(outcome.errors);
      setStatus({ kind: "failed", message: "Please correct the highlighted fields and send again." });
      focusFirstError(outcome.errors);
    } else {
      setStatus({ kind: "failed", message: outcome.message });
    }
  };

  return (
    <form ref={formRef} className="contact-form" onSubmit={send} noValidate aria-describedby="contact-help">
      <p id="contact-help" className="form-help">
        All fields are required. We answer within a few working days.
      </p>

      <Field id="name" label="Name" error={errors.name}>
        <input
          id="name"
          name="name"
          type="text"
          autoComplete="name"
          required
          maxLength={LIMITS.nameMax}
          value={values.name}
          onChange={update}
          aria-invalid={Boolean(errors.name)}
          aria-describedby={errors.name ? "name-error" : undefined}
        />
      </Field>

      <Field id="email" label="Email" error={errors.email}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          maxLength={LIMITS.emailMax}
          value={values.email}
          onChange={update}
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "email-error" : undefined}
        />
      </Field>

      <Field id="message" label="Message" error={errors.message}>
        <textarea
          id="message"
          name="message"
          rows={8}
          required
          minLength={LIMITS.messageMin}
          maxLength={LIMITS.messageMax}
          value={values.message}
          onChange={update}
          aria-invalid={Boolean(errors.message)}
          aria-describedby={errors.message ? "message-error message-hint" : "message-hint"}
        />
        <p id="message-hint" className="field-hint">
          {LIMITS.messageMin} to {LIMITS.messageMax} characters.
        </p>
      </Field>

      {/* Honeypot: people never see or reach it; bots that fill every field do. */}
      <div className="honeypot" aria-hidden="true">
        <label htmlFor="website">Leave this field empty</label>
        <input
          id="website"
          name="website"
          type="text"
          tabIndex={-1}
          autoComplete="off"
          value={values.website}
          onChange={update}
        />
      </div>

      <button type="submit" disabled={sending}>
        {sending ? "Sending…" : "Send message"}
      </button>

      <div role="status" className="form-status">
        {status.kind === "sent" && <p className="success">Thank you! Your message is on its way; we will reply by email.</p>}
      </div>
      <div role="alert" className="form-alert">
        {status.kind === "failed" && <p className="failure">{status.message}</p>}
      </div>
    </form>
  );
}

function Field({ id, label, error, children }) {
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
