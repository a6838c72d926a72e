/**
 * An email as its recipient sees it: the HTML in a sandboxed frame (no scripts, no access to the
 * admin page), and its plain-text version.
 */
export function EmailPreview({
  subject,
  from,
  to,
  html,
  text,
  headers,
}: {
  subject: string;
  from: string;
  to: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
}) {
  return (
    <div className="stack email-preview">
      <dl className="email-meta">
        <dt>Subject</dt>
        <dd>{subject}</dd>
        <dt>From</dt>
        <dd>{from}</dd>
        <dt>To</dt>
        <dd>{to}</dd>
        {headers
          ? Object.entries(headers).map(([name, value]) => (
              <div key={name}>
                <dt>{name}</dt>
                <dd>
                  <code>{value}</code>
                </dd>
              </div>
            ))
          : null}
      </dl>
      <h2>As sent (HTML)</h2>
      <iframe title={`Email: ${subject}`} sandbox="" srcDoc={html} className="email-frame" />
      <h2>Plain text</h2>
      <pre className="email-text">{text}</pre>
    </div>
  );
}
