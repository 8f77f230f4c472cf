// The chart of bench/results/latest.json: for each site size and scenario, each tool's mean deploy time divided by
// the oracle's (the oracle = 1; ours' goal for one changed page is at most 1.3), drawn by Vega-Lite and rendered to SVG
// by Vega without a browser.
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { scenarioOrder, toolOrder } from './results.mjs';

/** One row per bar: the site, the scenario, the tool and its time relative to the oracle. */
export function bars(results) {
  if (!Array.isArray(results?.sites) || results.sites.length === 0)
    throw new Error('the results hold no sites; fix: run bench/run.sh, which writes bench/results/latest.json');
  return results.sites.flatMap(site => site.scenarios.flatMap(({ scenario, results: tools }) => tools
    .filter(r => typeof r.vsOracle === 'number')
    .map(r => ({ site: `${site.files.toLocaleString('en')} files`, scenario, tool: r.tool, vsOracle: r.vsOracle, label: `${formatRatio(r.vsOracle)}×` }))));
}

export function spec(results) {
  const rows = bars(results);
  const tools = toolOrder.filter(t => rows.some(r => r.tool === t));
  const encoding = {
    x: { field: 'scenario', type: 'nominal', sort: scenarioOrder, title: null, axis: { labelAngle: 0 } },
    xOffset: { field: 'tool', type: 'nominal', sort: tools },
    y: { field: 'vsOracle', type: 'quantitative', scale: { type: 'log', domainMin: lowest(rows) }, title: 'deploy time ÷ oracle (log scale)' },
  };
  // A log scale has no zero: bars grow from the scale's lowest value, below every ratio, so the oracle's own bar shows.
  const base = { y2: { datum: lowest(rows) } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Site sync on s3rver: time relative to an oracle that uploads only the changed files',
    data: { values: rows },
    facet: { row: { field: 'site', type: 'nominal', title: null, sort: { field: 'files' } } },
    spec: {
      width: 640,
      height: 220,
      layer: [
        { mark: { type: 'bar' }, encoding: { ...encoding, ...base, color: { field: 'tool', type: 'nominal', sort: tools, title: 'tool' } } },
        { mark: { type: 'text', dy: -6, fontSize: 9 }, encoding: { ...encoding, text: { field: 'label', type: 'nominal' } } },
      ],
    },
  };
}

export async function renderSvg(results) {
  const view = new vega.View(vega.parse(compile(spec(results)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const lowest = rows => 10 ** Math.floor(Math.log10(Math.min(0.5, ...rows.map(r => r.vsOracle))));
const formatRatio = value => (value >= 10 ? value.toFixed(0) : value.toFixed(1));
