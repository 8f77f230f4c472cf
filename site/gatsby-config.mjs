import { fileURLToPath } from "node:url";
import { siteUrlFromEnvironment } from "./src/site-url.mjs";

const siteUrl = siteUrlFromEnvironment(process.env.SITE_URL);

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
      options: { name: "posts", path: fileURLToPath(new URL("./content/posts", import.meta.url)) },
    },
    {
      resolve: "gatsby-transformer-remark",
      options: { excerpt_separator: "<!-- end excerpt -->" },
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
