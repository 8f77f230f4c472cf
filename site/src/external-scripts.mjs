// Moves the inline <script>s Gatsby writes into every page (window.pagePath, the chunk mapping,
// the webpack compilation hash) into files of their own, so pages run under a Content-Security-Policy
// with `script-src 'self'` and no 'unsafe-inline'.
//
// Why files and not CSP hashes: the CSP is one Terraform value per distribution
// (infra/modules/static-site, var.content_security_policy), applied at the edge. A hash list would
// change with every page and every webpack compilation, so each build would need an infra change;
// a file named by its content hash changes nothing outside public/.
//
// Each inline script becomes <script src="/script-<sha256, 20 hex>.js"> in the same place, with its
// other attributes and without async/defer: a parser-blocking external script runs in document
// order, before the async bundles that come after it, exactly as the inline one did. Names are
// content hashes, so the same build input gives the same files, and the deploy treats them as
// immutable hashed assets (build/Deploy/Site/AssetClass.cs).
import { createHash } from "node:crypto";

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
const EXECUTABLE_TYPES = new Set(["", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"]);
export const EXTERNAL_SCRIPT_NAME = /^script-[0-9a-f]{20}\.js$/;

/** Whether a <script> with these attributes runs (JSON data blocks and the like do not). */
export function isExecutable(attributes) {
  const type = /\btype\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(attributes);
  const value = (type?.[1] ?? type?.[2] ?? type?.[3] ?? "").trim().toLowerCase();
  return EXECUTABLE_TYPES.has(value);
}

/**
 * @param {string} html a page
 * @returns {{ html: string, scripts: {name: string, content: string}[] }} the page with every inline
 *   executable script replaced by a reference, and the files to write (at the site's root).
 */
export function externalizeInlineScripts(html, pathPrefix = "") {
  const scripts = [];
  const rewritten = html.replace(SCRIPT, (whole, attributes, content) => {
    if (/\bsrc\s*=/i.test(attributes) || !isExecutable(attributes) || content.trim() === "") return whole;
    const name = `script-${createHash("sha256").update(content).digest("hex").slice(0, 20)}.js`;
    scripts.push({ name, content });
    return `<script${attributes} src="${pathPrefix}/${name}"></script>`;
  });
  return { html: rewritten, scripts };
}

/** The external script files a page references. */
export function referencedScripts(html) {
  return [...html.matchAll(/<script\b[^>]*\bsrc="[^"]*\/(script-[0-9a-f]{20}\.js)"/gi)].map((m) => m[1]);
}
