import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { bars, renderSvg } from '../chart.mjs';
import { merge, siteEntry } from '../results.mjs';
import { measureLines, requestLog, site, timings } from './fixture.mjs';

const results = merge(null, siteEntry(site, timings, measureLines, requestLog));
const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli.mjs');

/** Each bar of the SVG: its accessible label and its height in pixels (Vega draws a rect as a path "M…h…v<height>…"). */
function drawnBars(svg) {
  return [...svg.matchAll(/<path aria-label="([^"]*)" role="graphics-symbol" aria-roledescription="bar"[^>]* d="([^"]*)"/g)]
    .map(([, label, d]) => ({ label, height: Number(/v(-?[\d.]+)/.exec(d)[1]) }));
}

test('one bar per site, scenario and tool, labelled with its ratio to the oracle', async () => {
  const drawn = drawnBars(await renderSvg(results));
  assert.equal(drawn.length, bars(results).length);
  assert.equal(drawn.length, 5);
  assert.ok(drawn.some(b => b.label.includes('scenario: one-page-change') && b.label.includes(': 3.75') && b.label.includes('tool: aws s3 sync')));
});

test('a larger ratio draws a taller bar, and the oracle\'s own bar (1) is visible', async () => {
  const drawn = drawnBars(await renderSvg(results));
  const height = (scenario, tool) => drawn.find(b => b.label.includes(`scenario: ${scenario};`) && b.label.endsWith(`tool: ${tool}`)).height;
  assert.ok(height('one-page-change', 'aws s3 sync') > height('one-page-change', 'ours'));
  assert.ok(height('one-page-change', 'ours') > height('one-page-change', 'oracle'));
  assert.ok(height('one-page-change', 'oracle') > 0);
});

test('results without sites name the problem and the fix', () => {
  assert.throws(() => bars({ sites: [] }), /no sites; fix: run bench\/run\.sh/);
});

test('the CLI renders a results file to SVG', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chart-'));
  fs.writeFileSync(path.join(dir, 'latest.json'), JSON.stringify(results));
  const run = spawnSync(process.execPath, [cli, 'render', path.join(dir, 'latest.json'), path.join(dir, 'latest.svg')], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.match(fs.readFileSync(path.join(dir, 'latest.svg'), 'utf8'), /^<svg [^>]*>.*aria-roledescription="bar"/s);
});

test('the CLI refuses a file that is not JSON in one line, exit code 1, and writes no chart', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chart-'));
  fs.writeFileSync(path.join(dir, 'latest.json'), '{"sites": [');
  const run = spawnSync(process.execPath, [cli, 'render', path.join(dir, 'latest.json'), path.join(dir, 'latest.svg')], { encoding: 'utf8' });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /^bench report: .*latest\.json is not JSON .*; fix: rerun bench\/run\.sh to write it again\n$/);
  assert.equal(fs.existsSync(path.join(dir, 'latest.svg')), false);
});
