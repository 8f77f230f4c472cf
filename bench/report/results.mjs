// One bench/run.sh run as the entry of bench/results/latest.json for its site: per scenario and tool the mean and
// sigma of the timed runs (hyperfine), the ratios against ours and against the oracle, the peak RSS, the requests by
// S3 operation and the bytes uploaded (from the server's request log). A run replaces its site's entry and keeps the
// others, so the 5,000-file runs and the long 50,000-file run end up in one file.
import { summarize } from './requests.mjs';

export const scenarioOrder = ['first-upload', 'mtime-only-rebuild', 'one-page-change', 'large-file-redeploy'];
export const toolOrder = ['ours', 'ours (release mode)', 'oracle', 'aws s3 sync', 'gatsby-plugin-s3'];

/**
 * @param site {{site: string, description: string, files: number, bytes: number, runs: number}}
 * @param timings {Record<string, {results: {command: string, mean: number, stddev: number|null, times: number[]}[]}>} hyperfine exports by scenario
 * @param measures {string} lines of bench/measured.sh: "<tool> <scenario> <from> <to> <rss KiB> <exit code>"
 * @param requestLog {Buffer} the whole request log (the offsets are byte offsets into it)
 */
export function siteEntry(site, timings, measures, requestLog, measuredAt = new Date().toISOString()) {
  const runs = parseMeasures(measures);
  const scenarios = scenarioOrder.filter(name => timings[name]).map(scenario => {
    const results = timings[scenario].results.map(r => {
      const tool = toolOf(r.command);
      const own = runs.filter(m => m.tool === tool && m.scenario === scenario);
      if (own.length === 0) throw new Error(`no measured run of ${tool} in ${scenario}; fix: run each tool through bench/measured.sh`);
      const failed = own.find(m => m.exitCode !== 0);
      if (failed) throw new Error(`${tool} failed in ${scenario} (exit code ${failed.exitCode}); fix: run its command by hand to see why`);
      const last = own[own.length - 1];
      const slices = own.map(m => summarize(requestLog.subarray(m.from, m.to).toString('utf8')));
      const requests = slices[slices.length - 1];
      return {
        tool,
        meanSeconds: round(r.mean, 4),
        sigmaSeconds: round(r.stddev ?? 0, 4),
        runs: r.times.length,
        peakRssMiB: round(Math.max(...own.map(m => m.rssKiB)) / 1024, 1),
        ...requests,
        // Runs of one scenario repeat the same change, so they should send the same requests; say so when not.
        requestsVaried: slices.some(s => s.requestCount !== requests.requestCount || s.uploadedBytes !== requests.uploadedBytes),
        lastRunRssMiB: round(last.rssKiB / 1024, 1),
      };
    }).sort((a, b) => toolOrder.indexOf(a.tool) - toolOrder.indexOf(b.tool));
    const mean = tool => results.find(r => r.tool === tool)?.meanSeconds;
    for (const r of results) {
      r.vsOurs = mean('ours') ? round(r.meanSeconds / mean('ours'), 2) : null;
      r.vsOracle = mean('oracle') ? round(r.meanSeconds / mean('oracle'), 2) : null;
    }
    return { scenario, results };
  });
  return { ...site, measuredAt, scenarios };
}

/** The results file with this site's entry replaced (or added), sites ordered by size. */
export function merge(existing, entry) {
  const sites = (existing?.sites ?? []).filter(s => s.site !== entry.site).concat(entry);
  sites.sort((a, b) => a.files - b.files || a.site.localeCompare(b.site));
  return {
    about: 'bench/run.sh: our site sync (in place, and in release mode) against an oracle (uploads only the files it is told changed), aws s3 sync and gatsby-plugin-s3 on a local s3rver; ratios are mean time / mean time of ours or of the oracle; requests and bytes counted at the server (last run); peak RSS is the largest of the runs',
    sites,
  };
}

/** A fixed-width table of one site entry, for the terminal. */
export function table(entry) {
  const load = entry.loadAverage ? `; load average ${entry.loadAverage.start[0]} at the start, ${entry.loadAverage.end[0].toFixed(2)} at the end on ${entry.cpus} CPUs` : '';
  const lines = [`${entry.description}: ${entry.files} files, ${entry.bytes} bytes, ${entry.runs} runs each${load}`,
    `${'scenario'.padEnd(21)}${'tool'.padEnd(18)}${'mean (s)'.padStart(10)}${'σ'.padStart(8)}${'/ours'.padStart(8)}${'/oracle'.padStart(9)}${'RSS MiB'.padStart(9)}${'requests'.padStart(10)}${'uploaded'.padStart(12)}`];
  for (const { scenario, results } of entry.scenarios)
    for (const r of results)
      lines.push(`${scenario.padEnd(21)}${r.tool.padEnd(18)}${r.meanSeconds.toFixed(3).padStart(10)}${r.sigmaSeconds.toFixed(3).padStart(8)}` +
        `${ratio(r.vsOurs).padStart(8)}${ratio(r.vsOracle).padStart(9)}${r.peakRssMiB.toFixed(0).padStart(9)}${String(r.requestCount).padStart(10)}${String(r.uploadedBytes).padStart(12)}`);
  return lines.join('\n');
}

function parseMeasures(text) {
  return text.split('\n').filter(l => l.trim()).map(line => {
    // the tool name may hold spaces ("aws s3 sync"); the five fields after it do not
    const fields = line.trim().split(' ');
    if (fields.length < 6) throw new Error(`measure line "${line}" is not "<tool> <scenario> <from> <to> <rss KiB> <exit code>"; fix: write it with bench/measured.sh`);
    const [scenario, from, to, rss, code] = fields.slice(-5);
    return { tool: fields.slice(0, -5).join(' '), scenario, from: Number(from), to: Number(to), rssKiB: Number(rss), exitCode: Number(code) };
  });
}

function toolOf(command) {
  const tool = toolOrder.find(t => command === t);
  if (!tool) throw new Error(`hyperfine command "${command}" is not one of ${toolOrder.join(', ')}; fix: name each command after its tool (-n)`);
  return tool;
}

const round = (value, digits) => Number(value.toFixed(digits));
const ratio = value => (value == null ? '-' : `${value.toFixed(2)}x`);
