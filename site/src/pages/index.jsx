import * as React from "react";
import { Link, graphql } from "gatsby";
import { GatsbyImage, getImage } from "gatsby-plugin-image";
import Layout from "../components/Layout.jsx";
import PostDate from "../components/PostDate.jsx";
import Seo from "../components/Seo.jsx";

export default function HomePage({ data }) {
  const posts = data.allMarkdownRemark.nodes;
  return (
    <Layout>
      <h1>Posts</h1>
      <p className="lead">How this blog gets from a commit to a CloudFront edge, one design note at a time.</p>
      <ol className="post-list" reversed>
        {posts.map((post) => (
          <li key={post.fields.slug} className="post-summary">
            <article aria-labelledby={headingId(post.fields.slug)}>
              <h2 id={headingId(post.fields.slug)}>
                <Link to={post.fields.slug}>{post.frontmatter.title}</Link>
              </h2>
              <p className="post-meta">
                <PostDate iso={post.frontmatter.date} />
              </p>
              {post.frontmatter.cover && (
                <GatsbyImage
                  image={getImage(post.frontmatter.cover)}
                  alt={post.frontmatter.coverAlt}
                  className="post-summary-cover"
                />
              )}
              <p>{post.frontmatter.description || post.excerpt}</p>
              <Link to={post.fields.slug} className="read-more" aria-label={`Read “${post.frontmatter.title}”`}>
                Read more →
              </Link>
            </article>
          </li>
        ))}
      </ol>
    </Layout>
  );
}

// "/posts/safe-site-sync/" → "post-safe-site-sync": ids without slashes.
const headingId = (slug) => `post-${slug.split("/").filter(Boolean).pop()}`;

export const Head = ({ location }) => <Seo pathname={location.pathname} />;

export const query = graphql`
  query HomePage {
    allMarkdownRemark(sort: { frontmatter: { date: DESC } }) {
      nodes {
        excerpt(pruneLength: 200)
        fields { slug }
        frontmatter {
          title
          date
          description
          coverAlt
          cover {
            childImageSharp {
              gatsbyImageData(width: 320, placeholder: BLURRED)
            }
          }
        }
      }
    }
  }
`;
