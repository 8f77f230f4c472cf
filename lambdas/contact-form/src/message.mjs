// The one email a contact form submission becomes: from the verified SENDER to
// the site owner, with Reply-To the visitor so "Reply" answers them directly.
// Visitor input reaches headers only through SES API fields (SES encodes them),
// and validation has already rejected line breaks in those values.

export function contactEmail(submission, config, context) {
  const { name, email, message } = submission;
  const footer = [`Sent through the contact form at ${context.receivedAt.toISOString()}`];
  if (context.sourceIp) footer.push(`from IP address ${context.sourceIp}`);
  const text = `Name: ${name}\nEmail: ${email}\n\n${message}\n\n-- \n${footer.join(' ')}.\n`;
  return {
    FromEmailAddress: config.sender,
    Destination: { ToAddresses: [config.recipient] },
    ReplyToAddresses: [email],
    Content: {
      Simple: {
        Subject: { Data: `Contact form: ${name}`, Charset: 'UTF-8' },
        Body: { Text: { Data: text, Charset: 'UTF-8' } },
      },
    },
  };
}
