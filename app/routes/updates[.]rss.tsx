import { listPublishedUpdates } from "~/models/updates.server";
import { getSettings } from "~/models/settings.server";
import { markdownToHtml } from "~/lib/markdown.server";
import { publicUrl } from "~/lib/public-url.server";

function xml(text: string) {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!,
  );
}

/** RSS 2.0 feed of the public impact updates, newest first, with each update's full text. */
export function loader() {
  const settings = getSettings();
  const items = listPublishedUpdates({ limit: 50 });
  const channelLink = publicUrl("/updates");
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(`${settings.pacName}: impact updates`)}</title>
<link>${xml(channelLink)}</link>
<atom:link href="${xml(publicUrl("/updates.rss"))}" rel="self" type="application/rss+xml"/>
<description>${xml("What the people we helped elect have done since.")}</description>
<language>en-us</language>
${items
  .map((u) => {
    const link = publicUrl(`/updates/${u.slug}`);
    return `<item>
<title>${xml(u.title)}</title>
<link>${xml(link)}</link>
<guid isPermaLink="true">${xml(link)}</guid>
<pubDate>${new Date(u.publishedAt!).toUTCString()}</pubDate>
<description>${xml(`<p>${xml(u.summary)}</p>${markdownToHtml(u.bodyMarkdown)}`)}</description>
</item>`;
  })
  .join("\n")}
</channel>
</rss>
`;
  return new Response(body, {
    headers: { "Content-Type": "application/rss+xml; charset=utf-8", "Cache-Control": "public, max-age=300" },
  });
}
