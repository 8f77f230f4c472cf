import * as React from "react";
import { Link, graphql } from "gatsby";
import { GatsbyImage, getImage } from "gatsby-plugin-image";
import Layout from "../components/Layout.jsx";
import PostDate from "../components/PostDate.jsx";
import Seo from "../components/Seo.jsx";

export default function PostPage({ data }) {
  const { post, previous, next } = data;
  const cover = getImage(post.frontmatter.cover);
  return (
    <Layout>
      <article className="post">
        <header>
          <h1>{post.frontmatter.title}</h1>
          <p className="post-meta">
            <PostDate iso={post.frontmatter.date} /> · {post.timeToRead} min read
          </p>
          {post.frontmatter.tags?.length > 0 && <p className="post-tags">Tagged: {post.frontmatter.tags.join(", ")}</p>}
        </header>
        {cover && <GatsbyImage image={cover} alt={post.frontmatter.coverAlt} className="post-cover" />}
        <div className="post-body" dangerouslySetInnerHTML={{ __html: post.html }} />
      </article>
      <nav className="post-nav" aria-label="More posts">
        <ul>
          <li>
            {previous && (
              <Link to={previous.fields.slug} rel="prev">
                ← {previous.frontmatter.title}
              </Link>
            )}
          </li>
          <li>
            {next && (
              <Link to={next.fields.slug} rel="next">
                {next.frontmatter.title} →
              </Link>
            )}
          </li>
        </ul>
      </nav>
    </Layout>
  );
}

export const Head = ({ data, location }) => (
  <Seo
    title={data.post.frontmatter.title}
    description={data.post.frontmatter.description || data.post.excerpt}
    pathname={location.pathname}
  >
    <meta property="og:type" content="article" />
    <meta property="article:published_time" content={data.post.frontmatter.date} />
  </Seo>
);

export const query = graphql`
  query PostPage($slug: String!, $previousSlug: String, $nextSlug: String) {
    post: markdownRemark(fields: { slug: { eq: $slug } }) {
      html
      excerpt(pruneLength: 160)
      timeToRead
      frontmatter {
        title
        date
        description
        tags
        coverAlt
        cover {
          childImageSharp {
            gatsbyImageData(width: 672, placeholder: BLURRED)
          }
        }
      }
    }
    previous: markdownRemark(fields: { slug: { eq: $previousSlug } }) {
      fields { slug }
      frontmatter { title }
    }
    next: markdownRemark(fields: { slug: { eq: $nextSlug } }) {
      fields { slug }
      frontmatter { title }
    }
  }
`;
