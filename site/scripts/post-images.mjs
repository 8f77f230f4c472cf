// Writes the blog's illustrations into content/posts/images/: flat diagrams drawn as SVG and
// encoded to PNG with sharp (librsvg inside sharp's own libvips), so they are made here, from
// nothing but this file, and come out the same every time. No text: glyphs would depend on the
// fonts of the machine. Run `node scripts/post-images.mjs` after changing a drawing and commit
// the PNGs; the build only reads the committed files.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { ACCENT, INK, PALETTE, random, svg } from "./drawing.mjs";

const OUT = fileURLToPath(new URL("../content/posts/images/", import.meta.url));

// A dependency graph: five layers of targets, each depending on one or two of the layer before.
function buildGraph() {
  const next = random(11);
  const layers = [2, 3, 4, 3, 1].map((count, layer) =>
    Array.from({ length: count }, (_, i) => ({ x: 140 + layer * 230, y: 630 * ((i + 1) / (count + 1)) })),
  );
  let body = "";
  for (let layer = 1; layer < layers.length; layer++) {
    for (const node of layers[layer]) {
      const before = layers[layer - 1];
      const picks = new Set([Math.floor(next() * before.length), Math.floor(next() * before.length)]);
      for (const pick of picks) {
        const from = before[pick];
        body += `<path d="M${from.x} ${from.y} C${from.x + 115} ${from.y} ${node.x - 115} ${node.y} ${node.x} ${node.y}" fill="none" stroke="${INK}" stroke-opacity="0.45" stroke-width="5"/>`;
      }
    }
  }
  layers.flat().forEach((node, i) => {
    body += `<circle cx="${node.x}" cy="${node.y}" r="38" fill="${PALETTE[i % PALETTE.length]}" stroke="#fff" stroke-width="6"/>`;
  });
  return svg(1200, 630, body);
}

// The deploy's four phases as rising bars, with the invalidation as a wave after them.
function siteSync() {
  const colours = [ACCENT, "#2a8a8a", "#c77d0a", "#1b6b35"];
  let body = "";
  colours.forEach((colour, i) => {
    const height = 140 + i * 95;
    body += `<rect x="${120 + i * 200}" y="${540 - height}" width="150" height="${height}" rx="14" fill="${colour}"/>`;
  });
  body += `<path d="M930 420 q40 -80 80 0 t80 0" fill="none" stroke="${INK}" stroke-width="10" stroke-linecap="round"/>`;
  body += `<path d="M930 330 q40 -80 80 0 t80 0" fill="none" stroke="${INK}" stroke-opacity="0.5" stroke-width="10" stroke-linecap="round"/>`;
  body += `<rect x="80" y="548" width="1040" height="10" rx="5" fill="${INK}"/>`;
  return svg(1200, 630, body, "#fbf7ef");
}

// Three regions, each a ring (its KMS key) around a store, joined to one build in the middle.
function regionalStores() {
  const stores = [
    { x: 250, y: 200 },
    { x: 950, y: 190 },
    { x: 600, y: 500 },
  ];
  let body = "";
  for (const s of stores) body += `<line x1="600" y1="300" x2="${s.x}" y2="${s.y}" stroke="${INK}" stroke-width="8" stroke-dasharray="22 14"/>`;
  stores.forEach((s, i) => {
    body += `<circle cx="${s.x}" cy="${s.y}" r="105" fill="none" stroke="${PALETTE[i]}" stroke-width="16"/>`;
    body += `<rect x="${s.x - 55}" y="${s.y - 45}" width="110" height="90" rx="12" fill="${PALETTE[i]}"/>`;
  });
  body += `<circle cx="600" cy="300" r="60" fill="${INK}"/>`;
  return svg(1200, 630, body, "#eef5f1");
}

// Upload order as a pipeline of boxes, in the post body of safe-site-sync.
function uploadOrder() {
  const colours = [ACCENT, "#2a8a8a", "#c77d0a", "#1b6b35", "#7a3e9d", "#a4161a"];
  let body = "";
  colours.forEach((colour, i) => {
    const x = 40 + i * 165;
    body += `<rect x="${x}" y="130" width="120" height="140" rx="16" fill="${colour}"/>`;
    if (i < colours.length - 1) body += `<path d="M${x + 128} 200 h26 m-12 -14 l14 14 l-14 14" fill="none" stroke="${INK}" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>`;
  });
  return svg(1000, 400, body);
}

// The local cloud: many services behind one gateway, in the post body of the-local-cloud.
function oneGateway() {
  const next = random(7);
  let body = `<rect x="430" y="60" width="140" height="380" rx="20" fill="${INK}"/>`;
  for (let i = 0; i < 6; i++) {
    const y = 70 + i * 64;
    body += `<line x1="220" y1="${y + 25}" x2="430" y2="250" stroke="${INK}" stroke-opacity="0.35" stroke-width="5"/>`;
    body += `<rect x="60" y="${y}" width="160" height="50" rx="10" fill="${PALETTE[i]}"/>`;
  }
  for (let i = 0; i < 3; i++) {
    const y = 110 + i * 120 + Math.round(next() * 20);
    body += `<line x1="570" y1="250" x2="780" y2="${y + 30}" stroke="${ACCENT}" stroke-width="6"/>`;
    body += `<circle cx="840" cy="${y + 30}" r="60" fill="${PALETTE[(i + 2) % PALETTE.length]}"/>`;
  }
  return svg(1000, 500, body, "#f3f1fa");
}

const images = {
  "typed-build-graph-cover.png": buildGraph(),
  "safe-site-sync-cover.png": siteSync(),
  "regional-artifact-stores-cover.png": regionalStores(),
  "upload-order.png": uploadOrder(),
  "one-gateway.png": oneGateway(),
};

await mkdir(OUT, { recursive: true });
for (const [name, drawing] of Object.entries(images)) {
  const png = await sharp(Buffer.from(drawing)).png({ compressionLevel: 9, adaptiveFiltering: true }).toBuffer();
  await writeFile(path.join(OUT, name), png);
  console.log(`${name}: ${png.length} bytes`);
}
