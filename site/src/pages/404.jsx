import * as React from "react";
import { Link } from "gatsby";
import Layout from "../components/Layout.jsx";
import Seo from "../components/Seo.jsx";

export default function NotFoundPage() {
  return (
    <Layout>
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved when the site was last deployed.</p>
      <p>
        <Link to="/">See all posts</Link> or <Link to="/contact/">tell us what you were looking for</Link>.
      </p>
    </Layout>
  );
}

export const Head = ({ location }) => (
  <Seo title="Page not found" description="The page you asked for does not exist." pathname={location.pathname}>
    <meta name="robots" content="noindex" />
  </Seo>
);
