import * as React from "react";
import Layout from "../components/Layout.jsx";
import Seo from "../components/Seo.jsx";
import ContactForm from "../contact/ContactForm.jsx";

export default function ContactPage() {
  return (
    <Layout>
      <h1>Contact</h1>
      <p className="lead">
        Questions about the pipeline, a mistake in a post, or a war story of your own? Send us a note.
      </p>
      <ContactForm />
    </Layout>
  );
}

export const Head = ({ location }) => (
  <Seo
    title="Contact"
    description="Send the Pipeline Notes team a message: questions, corrections and stories welcome."
    pathname={location.pathname}
  />
);
