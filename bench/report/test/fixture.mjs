// A small bench/run.sh run as its files would hold it: hyperfine exports, measured.sh lines and the request log.
export const site = { site: 'generated-60', description: 'generated Gatsby-shaped site', files: 60, bytes: 1_500_000, runs: 2 };

const hyperfine = means => ({
  results: Object.entries(means).map(([command, mean]) => ({ command, mean, stddev: mean / 10, times: [mean * 0.9, mean * 1.1] })),
});

export const timings = {
  'one-page-change': hyperfine({ 'aws s3 sync': 3.0, ours: 1.2, oracle: 0.8 }),
  'first-upload': hyperfine({ ours: 4.0, oracle: 4.4 }),
};

// Two runs per tool and scenario; each run's requests are a slice of the log.
const lines = [];
const measures = [];
function run(tool, scenario, rssKiB, requests) {
  const from = Buffer.byteLength(lines.join(''));
  lines.push(...requests.map(r => `${r}\n`));
  measures.push(`${tool} ${scenario} ${from} ${Buffer.byteLength(lines.join(''))} ${rssKiB} 0`);
}
for (const rss of [100_000, 120_000]) {
  run('ours', 'one-page-change', rss, ['GET /ours?list-type=2 0', 'GET /ours/_deploy/state.json 0', 'PUT /ours/blog/post-0/index.html 8000', 'PUT /ours/_deploy/state.json 15000']);
  run('oracle', 'one-page-change', rss / 2, ['PUT /oracle/blog/post-0/index.html 8000']);
  run('aws s3 sync', 'one-page-change', 70_000, ['GET /theirs?list-type=2 0', 'PUT /theirs/blog/post-0/index.html 8000']);
  run('ours', 'first-upload', 90_000, ['GET /ours?list-type=2 0', 'PUT /ours/a 10']);
  run('oracle', 'first-upload', 60_000, ['PUT /oracle/a 10']);
}
export const measureLines = `${measures.join('\n')}\n`;
export const requestLog = Buffer.from(lines.join(''));
