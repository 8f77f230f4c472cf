// HashiCorp's parser runs as Go compiled to WebAssembly and takes a tenth of a
// second or more per file, and node --test runs each test file in its own
// process. Parse results are therefore kept on disk, addressed by the parser
// version and the file's path and text: a changed file is always parsed anew.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from '@cdktf/hcl2json';

const parserVersion = createRequire(import.meta.url)('@cdktf/hcl2json/package.json').version;

export const DEFAULT_CACHE_DIR = path.join(tmpdir(), 'infra-checks-parse-cache');

async function parseNow(relative, text) {
  try {
    return { body: await parse(relative, text), error: null };
  } catch (error) {
    return { body: null, error: error.message.replace(/^parse config: /, '') };
  }
}

/** parse(relative path, text) → { body, error }, memoised in memory and, when cacheDir is set, on disk. */
export function createParser({ cacheDir = DEFAULT_CACHE_DIR } = {}) {
  const inMemory = new Map();

  async function fromDisk(relative, text) {
    const key = createHash('sha256').update(`${parserVersion}\0${relative}\0${text}`).digest('hex');
    const file = path.join(cacheDir, `${key}.json`);
    try {
      return JSON.parse(await readFile(file, 'utf8'));
    } catch {
      const result = await parseNow(relative, text);
      await mkdir(cacheDir, { recursive: true });
      // Written aside and renamed, so a reader in another process never sees half a file.
      const partial = `${file}.${process.pid}.tmp`;
      await writeFile(partial, JSON.stringify(result));
      await rename(partial, file);
      return result;
    }
  }

  return (relative, text) => {
    const key = `${relative}\0${text}`;
    if (!inMemory.has(key)) inMemory.set(key, cacheDir ? fromDisk(relative, text) : parseNow(relative, text));
    return inMemory.get(key);
  };
}
