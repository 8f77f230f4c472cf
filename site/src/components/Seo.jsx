import * as React from "react";
import { graphql, useStaticQuery } from "gatsby";

// Rendered from each page's Head export: every page gets its own <title>,
// description, canonical URL and the feed link that readers' apps look for.
export default function Seo({ title, description, pathname = "/", children }) {
  const { site } = useStaticQuery(graphql`
    query SeoMetadata {
      site {
        siteMetadata { title description siteUrl }
      }
    }
  `);
  const meta = site.siteMetadata;
  const fullTitle = title ? `${title} | ${meta.title}` : meta.title;
  const text = description || meta.description;
  const canonical = `${meta.siteUrl}${pathname}`;
  return (
    <>
      <html lang="en" />
      <title>{fullTitle}</title>
      <meta name="description" content={text} />
      <link rel="canonical" href={canonical} />
      <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
      <meta property="og:title" content={fullTitle} />
      <meta property="og:description" content={text} />
      <meta property="og:url" content={canonical} />
      <meta name="twitter:card" content="summary" />
      {children}
    </>
  );
}
