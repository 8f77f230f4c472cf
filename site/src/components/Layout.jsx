import * as React from "react";
import { Link, graphql, useStaticQuery } from "gatsby";
import "../styles/site.css";

export default function Layout({ children }) {
  const { site } = useStaticQuery(graphql`
    query LayoutMetadata {
      site {
        siteMetadata { title description }
      }
    }
  `);
  const { title, description } = site.siteMetadata;
  return (
    <div className="page">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="site-title">
          {title}
        </Link>
        <nav aria-label="Main">
          <ul className="nav-list">
            <li>
              <Link to="/" activeClassName="active">
                Posts
              </Link>
            </li>
            <li>
              <Link to="/contact/" activeClassName="active">
                Contact
              </Link>
            </li>
            <li>
              <a href="/rss.xml">RSS</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{description}</p>
        <p>
          <Link to="/contact/">Write to us</Link> · <a href="/rss.xml">Subscribe via RSS</a> ·{" "}
          <a href="/sitemap-index.xml">Sitemap</a>
        </p>
      </footer>
    </div>
  );
}
