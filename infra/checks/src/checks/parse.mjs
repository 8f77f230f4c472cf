// Every .tf and .hcl file under modules/ and live/ parses with HashiCorp's parser.
import { finding } from '../finding.mjs';

export const name = 'parse';

export async function run(tree) {
  const found = tree.files
    .filter((file) => file.error)
    .map((file) => finding(name, file.path, null, `does not parse: ${file.error}`));
  if (tree.files.length === 0) found.push(finding(name, 'infra', null, 'no .tf or .hcl files found under modules/ or live/'));
  return found;
}
