// Client-side rules for the contact form. The contact-form Lambda applies the
// same limits again; these exist so a person hears about a mistake at once.
export const LIMITS = Object.freeze({
  nameMax: 100,
  emailMax: 254,
  messageMin: 10,
  messageMax: 5000,
});

// One "@", a local part of the characters browsers accept in type=email, and a
// domain of at least two dot-separated labels that neither start nor end with "-".
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

// Name and email end up in mail headers: no control characters, CR or LF.
const CONTROL = /[\u0000-\u001f\u007f]/;

// Length in characters as people count them (an emoji is one), not UTF-16 units.
const length = (text) => [...text].length;

export function validateContact({ name = "", email = "", message = "" } = {}) {
  const errors = {};
  const trimmedName = String(name).trim();
  const trimmedEmail = String(email).trim();
  const trimmedMessage = String(message).trim();

  if (trimmedName === "") errors.name = "Please enter your name.";
  else if (length(trimmedName) > LIMITS.nameMax) errors.name = `Your name can be at most ${LIMITS.nameMax} characters.`;
  else if (CONTROL.test(trimmedName)) errors.name = "Your name must be on one line.";

  if (trimmedEmail === "") errors.email = "Please enter your email address.";
  else if (trimmedEmail.length > LIMITS.emailMax)
    errors.email = `Your email address can be at most ${LIMITS.emailMax} characters.`;
  else if (!EMAIL.test(trimmedEmail) || trimmedEmail.split("@")[0].length > 64 || trimmedEmail.includes(".."))
    errors.email = "Please enter a valid email address, like name@example.com.";

  if (trimmedMessage === "") errors.message = "Please write a message.";
  else if (length(trimmedMessage) < LIMITS.messageMin)
    errors.message = `Your message needs at least ${LIMITS.messageMin} characters.`;
  else if (length(trimmedMessage) > LIMITS.messageMax)
    errors.message = `Your message can be at most ${LIMITS.messageMax} characters.`;

  return errors;
}

export function hasErrors(errors) {
  return Object.keys(errors).length > 0;
}
