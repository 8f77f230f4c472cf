#!/usr/bin/env node
// bench/run.sh's last steps:
//   node bench/report/cli.mjs collect WORK RESULTS   reads WORK/site.json, WORK/<scenario>.json (hyperfine),
//        WORK/measures.txt and WORK/requests.log, puts the site's entry into RESULTS and prints its table
//   node bench/report/cli.mjs render RESULTS SVG     draws RESULTS' ratios to SVG
// Bad input: one line naming the problem and the fix, exit code 1, nothing written.
import fs from 'node:fs';
import path from 'node:path';
import { merge, scenarioOrder, siteEntry, table } from './results.mjs';
import { renderSvg } from './chart.mjs';

const [command, ...args] = process.argv.slice(2);
try {
  if (command === 'collect' && args.length === 2) {
    const [work, resultsFile] = args;
    const timings = Object.fromEntries(scenarioOrder
      .filter(s => fs.existsSync(path.join(work, `${s}.json`)))
      .map(s => [s, readJson(path.join(work, `${s}.json`))]));
    const entry = siteEntry(readJson(path.join(work, 'site.json')), timings,
      read(path.join(work, 'measures.txt')).toString('utf8'), read(path.join(work, 'requests.log')));
    const existing = fs.existsSync(resultsFile) ? readJson(resultsFile) : null;
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, `${JSON.stringify(merge(existing, entry), null, 2)}\n`);
    console.log(table(entry));
  } else if (command === 'render' && args.length === 2) {
    const [resultsFile, svgFile] = args;
    const svg = await renderSvg(readJson(resultsFile));
    fs.writeFileSync(svgFile, `${svg}\n`);
  } else {
    throw new Error('usage: cli.mjs collect WORK RESULTS | render RESULTS SVG; fix: pass one of the two commands and its two paths');
  }
} catch (error) {
  console.error(`bench report: ${error.message}`);
  process.exit(1);
}

function read(file) {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist; fix: run bench/run.sh, which writes it`);
  return fs.readFileSync(file);
}

function readJson(file) {
  try {
    return JSON.parse(read(file).toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new Error(`${file} is not JSON (${error.message}); fix: rerun bench/run.sh to write it again`);
    throw error;
  }
}
