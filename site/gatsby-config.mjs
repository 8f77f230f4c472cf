import { postsFolder } from "./src/site-content.mjs";
import { siteUrlFromEnvironment } from "./src/site-url.mjs";

const siteUrl = siteUrlFromEnvironment(process.env.SITE_URL);

// The widest an image is shown: the post column (--measure in src/styles/site.css, 42rem at 16px);
// src/templates/post.jsx asks for covers of the same width.
const POST_COLUMN_WIDTH = 672;

/** @type {import('gatsby').GatsbyConfig} */
const config = {
  // Page paths end in "/" so that S3 website hosting and CloudFront serve
  // posts/<slug>/index.html without rewrites.
  trailingSlash: "always",
  siteMetadata: {
    title: "Pipeline Notes",
    description:
      "Notes on a typed build-and-deploy pipeline for a JAMstack blog on AWS.",
    author: "The pipeline team",
    siteUrl,
  },
  plugins: [
    {
      resolve: "gatsby-source-filesystem",
      options: { name: "posts", path: postsFolder() },
    },
    // Images as gatsby-starter-blog has them: sharp processes each image once into responsive
    // sizes (PNG/JPEG fallback plus WebP), with a blurred placeholder inlined as a data: URL
    // (the CSP's img-src 'self' data: covers it) and native lazy loading.
    "gatsby-plugin-image",
    "gatsby-plugin-sharp",
    "gatsby-transformer-sharp",
    {
      resolve: "gatsby-transformer-remark",
      options: {
        excerpt_separator: "<!-- end excerpt -->",
        plugins: [
          {
            // Markdown images: ![alt](./images/x.png "caption"). maxWidth is the text column (--measure, 42rem).
            resolve: "gatsby-remark-images",
            options: { maxWidth: POST_COLUMN_WIDTH, withWebp: true, linkImagesToOriginal: true, showCaptions: ["title"] },
          },
        ],
      },
    },
    "gatsby-plugin-sitemap",
    {
      resolve: "gatsby-plugin-feed",
      options: {
        query: `
          {
            site {
              siteMetadata { title description siteUrl site_url: siteUrl }
            }
          }
        `,
        feeds: [
          {
            output: "/rss.xml",
            title: "Pipeline Notes",
            query: `
              {
                allMarkdownRemark(sort: { frontmatter: { date: DESC } }) {
                  nodes {
                    excerpt(pruneLength: 240)
                    html
                    fields { slug }
                    frontmatter { title date description }
                  }
                }
              }
            `,
            serialize: ({ query: { site, allMarkdownRemark } }) =>
              allMarkdownRemark.nodes.map((post) => {
                const url = `${site.siteMetadata.siteUrl}${post.fields.slug}`;
                return {
                  title: post.frontmatter.title,
                  description: post.frontmatter.description || post.excerpt,
                  date: post.frontmatter.date,
                  url,
                  guid: url,
                  custom_elements: [{ "content:encoded": post.html }],
                };
              }),
          },
        ],
      },
    },
  ],
};

export default config;
