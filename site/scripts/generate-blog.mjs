// Writes a generated blog for benchmarks: N posts (default 1,000), each with tags and a cover image drawn
// like the blog's own illustrations (SVG encoded to PNG by sharp), into <folder>/posts laid out as
// content/posts. The same seed and N give the same bytes. The site builds it with SITE_CONTENT=<folder>
// (./build.sh Package --site-content <folder>); bench/site-build.sh times that.
//
//   node scripts/generate-blog.mjs <folder> [--posts N] [--seed S]
//
// A folder it did not write is refused, so it never deletes someone's content; its own earlier output is replaced.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { INK, PALETTE, random, svg } from "./drawing.mjs";

const MARKER = ".generated-blog";
const WORDS = ("artifact branch bucket build cache checksum cloud commit deploy digest edge engine environment function " +
  "graph hash header image incremental invalidation key lambda manifest origin package page pipeline plan policy " +
  "region release role rollback schema session signature site stage store sync target upload version").split(" ");
const TAGS = ["aws", "builds", "caching", "ci", "cloudfront", "deploys", "gatsby", "iam", "images", "kms", "lambda",
  "local-cloud", "performance", "s3", "security", "testing"];
const IMAGE_WIDTH = 640;
const IMAGE_HEIGHT = 336;

function fail(message) {
  console.error(`generate-blog: ${message}`);
  process.exit(2);
}

function options() {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { posts: { type: "string", default: "1000" }, seed: { type: "string", default: "1" } } });
  } catch (error) {
    fail(`${error.message}; usage: node scripts/generate-blog.mjs <folder> [--posts N] [--seed S]`);
  }
  const [folder, ...extra] = parsed.positionals;
  if (!folder || extra.length) fail("name one output folder; usage: node scripts/generate-blog.mjs <folder> [--posts N] [--seed S]");
  const posts = Number(parsed.values.posts);
  const seed = Number(parsed.values.seed);
  if (!Number.isInteger(posts) || posts < 1 || posts > 100_000) fail(`--posts ${parsed.values.posts} is not a whole number from 1 to 100000`);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed ${parsed.values.seed} is not a whole number ≥ 0`);
  const out = path.resolve(folder);
  if (existsSync(out) && readdirSync(out).length > 0 && !existsSync(path.join(out, MARKER))) {
    fail(`${out} is not empty and was not written by this script; fix: name a new or empty folder`);
  }
  return { out, posts, seed };
}

const sentence = (next, words) => {
  const text = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]).join(" ");
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};
const paragraph = (next) => Array.from({ length: 3 + Math.floor(next() * 4) }, () => sentence(next, 8 + Math.floor(next() * 10))).join(" ");

/** One post's Markdown and cover drawing; everything comes from the seeded source `next`. */
function post(index, next) {
  const number = String(index + 1).padStart(5, "0");
  const topic = [0, 1].map(() => WORDS[Math.floor(next() * WORDS.length)]);
  const slug = `post-${number}-${topic.join("-")}`;
  const tags = [...new Set(Array.from({ length: 2 + Math.floor(next() * 2) }, () => TAGS[Math.floor(next() * TAGS.length)]))].sort();
  const date = new Date(Date.UTC(2018, 0, 1) + index * 86_400_000).toISOString().slice(0, 10);
  const shapes = 4 + Math.floor(next() * 5);
  let body = "";
  for (let i = 0; i < shapes; i++) {
    const [x, y, r] = [next() * IMAGE_WIDTH, next() * IMAGE_HEIGHT, 30 + next() * 90];
    const fill = PALETTE[Math.floor(next() * PALETTE.length)];
    body += next() < 0.5
      ? `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r.toFixed(1)}" fill="${fill}" fill-opacity="0.85"/>`
      : `<rect x="${(x - r).toFixed(1)}" y="${(y - r / 2).toFixed(1)}" width="${(2 * r).toFixed(1)}" height="${r.toFixed(1)}" rx="12" fill="${fill}"/>`;
  }
  body += `<path d="M20 ${IMAGE_HEIGHT - 40} L${IMAGE_WIDTH - 20} ${IMAGE_HEIGHT - 40}" stroke="${INK}" stroke-width="6"/>`;
  const title = `${topic[0][0].toUpperCase()}${topic[0].slice(1)} and ${topic[1]}, note ${index + 1}`;
  const markdown = [
    "---",
    `title: "${title}"`,
    `date: "${date}"`,
    `description: "${sentence(next, 12)}"`,
    `cover: "./images/${slug}.png"`,
    `coverAlt: "${shapes} coloured circles and rounded boxes above a dark line."`,
    `tags: [${tags.map((tag) => `"${tag}"`).join(", ")}]`,
    "---",
    "",
    paragraph(next),
    "",
    "<!-- end excerpt -->",
    "",
    `## ${sentence(next, 4).slice(0, -1)}`,
    "",
    ...Array.from({ length: 2 + Math.floor(next() * 3) }, () => [paragraph(next), ""]).flat(),
    ...Array.from({ length: 3 }, () => `- ${sentence(next, 6)}`),
    "",
  ].join("\n");
  return { slug, markdown, drawing: svg(IMAGE_WIDTH, IMAGE_HEIGHT, body) };
}

async function main() {
  const { out, posts, seed } = options();
  const postsDir = path.join(out, "posts");
  await rm(postsDir, { recursive: true, force: true });
  await mkdir(path.join(postsDir, "images"), { recursive: true });
  const next = random(seed);
  for (let index = 0; index < posts; index++) {
    const { slug, markdown, drawing } = post(index, next);
    const png = await sharp(Buffer.from(drawing)).png({ compressionLevel: 9 }).toBuffer();
    await writeFile(path.join(postsDir, "images", `${slug}.png`), png);
    await writeFile(path.join(postsDir, `${slug}.md`), markdown);
  }
  await writeFile(path.join(out, MARKER), `posts=${posts} seed=${seed}\n`);
  console.log(`generate-blog: ${posts} posts with a cover each in ${postsDir} (seed ${seed})`);
}

await main();
