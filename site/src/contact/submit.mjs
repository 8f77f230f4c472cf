// Sends the form to the contact API and turns every possible answer into one
// of three outcomes the form knows how to show.
export const CONTACT_API_URL = process.env.GATSBY_CONTACT_API_URL || "/api/contact";

export const GENERIC_FAILURE =
  "Sorry, your message could not be sent. Please check your connection and try again in a few minutes.";

const FIELDS = ["name", "email", "message"];

/**
 * @returns {Promise<{kind: "sent"} | {kind: "invalid", errors: Record<string,string>} | {kind: "failed", message: string}>}
 */
export async function submitContact(values, { url = CONTACT_API_URL, fetchImpl = globalThis.fetch } = {}) {
  const body = JSON.stringify({
    name: values.name,
    email: values.email,
    message: values.message,
    website: values.website ?? "",
  });
  let response;
  try {
    response = await fetchImpl(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body,
    });
  } catch {
    return { kind: "failed", message: GENERIC_FAILURE };
  }
  if (response.ok) return { kind: "sent" };
  if (response.status === 400) {
    const errors = fieldErrors(await response.json().catch(() => null));
    if (Object.keys(errors).length > 0) return { kind: "invalid", errors };
  }
  return { kind: "failed", message: GENERIC_FAILURE };
}

// Keeps only messages for fields the form has, so a surprising body cannot
// inject arbitrary keys or non-text values into the page.
function fieldErrors(payload) {
  const errors = {};
  const source = payload && typeof payload === "object" ? payload.errors : null;
  if (!source || typeof source !== "object") return errors;
  for (const field of FIELDS) {
    if (typeof source[field] === "string" && source[field].trim() !== "") errors[field] = source[field];
  }
  return errors;
}
