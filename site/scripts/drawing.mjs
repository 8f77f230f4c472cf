// What the site's generated pictures share: the palette, a seeded random source and the SVG frame.
// Used by post-images.mjs (the blog's illustrations) and generate-blog.mjs (a large generated blog).
export const INK = "#1d2430";
export const ACCENT = "#0b5cad";
export const PALETTE = ["#0b5cad", "#1b6b35", "#c77d0a", "#7a3e9d", "#a4161a", "#2a8a8a"];

// A small deterministic generator (mulberry32) so "random" layouts are the same on every run.
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const svg = (width, height, body, background = "#f4f6f9") =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
  `<defs><linearGradient id="sky" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${background}"/>` +
  `<stop offset="1" stop-color="#dde5ef"/></linearGradient></defs>` +
  `<rect width="${width}" height="${height}" fill="url(#sky)"/>${body}</svg>`;
