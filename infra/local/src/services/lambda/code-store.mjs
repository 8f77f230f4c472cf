// Function code: zips kept by content hash under <state>/lambda/code, extracted once per hash
// under <state>/lambda/tasks/<hash>. tasks/node_modules links to this package's node_modules, so
// a handler's `import '@aws-sdk/client-sesv2'` resolves as the Lambda runtime's bundled SDK does.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AdmZip from 'adm-zip';

const PACKAGE_NODE_MODULES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'node_modules');

export const codeSha256 = bytes => createHash('sha256').update(bytes).digest('base64');
const hexOf = bytes => createHash('sha256').update(bytes).digest('hex');

export class CodeStore {
  #codeDir;
  #tasksDir;

  constructor(dir) {
    this.#codeDir = join(dir, 'code');
    this.#tasksDir = join(dir, 'tasks');
    mkdirSync(this.#codeDir, { recursive: true });
    mkdirSync(this.#tasksDir, { recursive: true });
    const link = join(this.#tasksDir, 'node_modules');
    let current;
    try {
      current = readlinkSync(link);
    } catch { /* absent */ }
    if (current !== PACKAGE_NODE_MODULES) {
      // Absent, or left by a checkout in another place: point it at this package's modules.
      rmSync(link, { recursive: true, force: true });
      symlinkSync(PACKAGE_NODE_MODULES, link, 'junction');
    }
  }

  /** Checks that the bytes are a zip Lambda could unpack; returns the entry names. */
  static entries(bytes) {
    try {
      return new AdmZip(bytes).getEntries().map(e => e.entryName);
    } catch {
      return undefined;
    }
  }

  /** Stores a zip; returns { id, codeSha256, codeSize }. */
  put(bytes) {
    const id = hexOf(bytes);
    const path = join(this.#codeDir, `${id}.zip`);
    if (!existsSync(path)) {
      writeFileSync(`${path}.tmp`, bytes);
      renameSync(`${path}.tmp`, path);
    }
    return { id, codeSha256: codeSha256(bytes), codeSize: bytes.length };
  }

  /** The folder with the unpacked code of a stored zip (LAMBDA_TASK_ROOT). */
  taskRoot(id) {
    const root = join(this.#tasksDir, id);
    if (existsSync(join(root, '.complete'))) return root;
    const staging = `${root}.${process.pid}.staging`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    new AdmZip(readFileSync(join(this.#codeDir, `${id}.zip`))).extractAllTo(staging, true);
    writeFileSync(join(staging, '.complete'), '');
    rmSync(root, { recursive: true, force: true });
    renameSync(staging, root);
    return root;
  }
}
