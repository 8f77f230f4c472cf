// CloudFront Functions 2.0 code is ES-module-ish: it names built-in modules with `import cf from 'cloudfront';`
// at the top of the file (require() works too), and runtime 1.0 knows no import statement. The local edge runs the
// code as a script, so each documented default import becomes the require() it stands for, on the same line
// (error positions stay right); any other import form is refused rather than guessed.
const DEFAULT_IMPORT = /^(\s*)import\s+([A-Za-z_$][\w$]*)\s+from\s+(['"])([\w-]+)\3\s*;?\s*$/;
const ANY_IMPORT = /^\s*import[\s{*'"]/;

/** @returns {string} the code with its import statements as require() calls; throws one line naming file:line for what CloudFront would refuse. */
export function withModuleImports(code, { file, runtime }) {
  return code.split('\n').map((line, i) => {
    const found = DEFAULT_IMPORT.exec(line);
    if (!found && !ANY_IMPORT.test(line)) return line;
    if (runtime !== 'cloudfront-js-2.0') throw new Error(`${file}:${i + 1}: import statements need runtime cloudfront-js-2.0 (this function is ${runtime}); use require() or change the runtime`);
    if (!found) throw new Error(`${file}:${i + 1}: only the default import form of CloudFront's modules is supported (import cf from 'cloudfront';), not: ${line.trim()}`);
    const [, indent, binding, , moduleName] = found;
    return `${indent}const ${binding} = require('${moduleName}');`;
  }).join('\n');
}
