import assert from 'node:assert/strict';
import test from 'node:test';
import { merge, siteEntry, table } from '../results.mjs';
import { measureLines, requestLog, site, timings } from './fixture.mjs';

const entry = () => siteEntry(site, timings, measureLines, requestLog, '2026-11-30T00:00:00.000Z');

test('scenarios come in the order of the run, tools ours first, then the oracle, then the others', () => {
  const e = entry();
  assert.deepEqual(e.scenarios.map(s => s.scenario), ['first-upload', 'one-page-change']);
  assert.deepEqual(e.scenarios[1].results.map(r => r.tool), ['ours', 'oracle', 'aws s3 sync']);
  assert.equal(e.files, 60);
});

test('ratios divide each mean by the mean of ours and of the oracle', () => {
  const [ours, oracle, aws] = entry().scenarios[1].results;
  assert.deepEqual([ours.vsOurs, ours.vsOracle], [1, 1.5]);
  assert.deepEqual([oracle.vsOurs, oracle.vsOracle], [0.67, 1]);
  assert.deepEqual([aws.vsOurs, aws.vsOracle], [2.5, 3.75]);
  assert.equal(aws.sigmaSeconds, 0.3);
});

test('peak memory is the largest of the runs; requests and bytes are counted from each run\'s slice of the log', () => {
  const [ours, oracle] = entry().scenarios[1].results;
  assert.equal(ours.peakRssMiB, Number((120_000 / 1024).toFixed(1)));
  assert.deepEqual(ours.requests, { GetObject: 1, ListObjectsV2: 1, PutObject: 2 });
  assert.equal(ours.uploadedBytes, 23_000);
  assert.equal(ours.requestsVaried, false);
  assert.deepEqual(oracle.requests, { PutObject: 1 });
  assert.equal(oracle.uploadedBytes, 8000);
});

test('a tool that failed in a run fails the report, naming the tool and the scenario', () => {
  const failed = measureLines.replace(/^(oracle one-page-change \d+ \d+ \d+) 0$/m, '$1 3');
  assert.throws(() => siteEntry(site, timings, failed, requestLog), /oracle failed in one-page-change \(exit code 3\)/);
});

test('a hyperfine command that is not a known tool is refused', () => {
  const renamed = { 'first-upload': { results: [{ command: 'rsync', mean: 1, stddev: 0, times: [1] }] } };
  assert.throws(() => siteEntry(site, renamed, measureLines, requestLog), /"rsync" is not one of ours, ours \(release mode\), oracle/);
});

test('merging replaces the entry of the same site and keeps the others, smallest site first', () => {
  const large = { ...entry(), site: 'generated-50000', files: 50_000 };
  const first = merge(null, large);
  const both = merge(first, entry());
  assert.deepEqual(both.sites.map(s => s.site), ['generated-60', 'generated-50000']);
  const again = merge(both, { ...entry(), runs: 9 });
  assert.equal(again.sites.length, 2);
  assert.equal(again.sites[0].runs, 9);
});

test('the table has a line per tool and scenario with its ratios', () => {
  const lines = table(entry()).split('\n');
  assert.equal(lines.length, 2 + 5);
  assert.match(lines.find(l => l.startsWith('one-page-change') && l.includes('aws s3 sync')), /2\.50x\s+3\.75x/);
});

test('the table says how busy the machine was when the run recorded it', () => {
  const busy = siteEntry({ ...site, cpus: 2, loadAverage: { start: [7.5, 9, 10], end: [16.25, 15, 14] } }, timings, measureLines, requestLog);
  assert.match(table(busy).split('\n')[0], /load average 7\.5 at the start, 16\.25 at the end on 2 CPUs$/);
  assert.doesNotMatch(table(entry()).split('\n')[0], /load average/);
});
