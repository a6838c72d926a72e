/** Plain share links (no third-party script, so they work without JavaScript and load nothing). */
export function ShareLinks({ url, text }: { url: string; text: string }) {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  const links = [
    { label: "Email", href: `mailto:?subject=${t}&body=${u}` },
    { label: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { label: "X", href: `https://twitter.com/intent/tweet?text=${t}&url=${u}` },
    { label: "Bluesky", href: `https://bsky.app/intent/compose?text=${encodeURIComponent(`${text} ${url}`)}` },
  ];
  return (
    <ul className="share-links" aria-label="Share this page">
      {links.map((l) => (
        <li key={l.label}>
          <a href={l.href} rel="noopener noreferrer">
            Share by {l.label}
          </a>
        </li>
      ))}
    </ul>
  );
}
