import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { listPublishedUpdates } from "~/models/updates.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";

export const meta: MetaFunction = () => [
  { title: "Impact updates | Champions PAC" },
  { tagName: "link", rel: "alternate", type: "application/rss+xml", title: "Impact updates", href: "/updates.rss" },
];

const PAGE_SIZE = 20;

export function loader({ request }: LoaderFunctionArgs) {
  const page = Math.max(1, Number(new URL(request.url).searchParams.get("page")) || 1);
  const rows = listPublishedUpdates({ limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
  return {
    page,
    hasMore: rows.length > PAGE_SIZE,
    updates: rows.slice(0, PAGE_SIZE).map(({ bodyMarkdown: _body, ...u }) => u),
  };
}

export default function UpdatesIndex() {
  const timeZone = useTimeZone();
  const { updates, page, hasMore } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="updates-title">
      <h1 id="updates-title">Impact updates</h1>
      <p className="lede">What the people we helped elect have done since. </p>
      <p>
        <a href="/updates.rss">Follow by RSS</a> · <Link to="/subscribe">Get updates by email</Link>
      </p>
      {updates.length === 0 ? (
        <p>No updates have been published yet.</p>
      ) : (
        <ol className="cards" reversed>
          {updates.map((u) => (
            <li key={u.id} className="card">
              <article>
                <h2>
                  <Link to={`/updates/${u.slug}`}>{u.title}</Link>
                </h2>
                <p className="muted">
                  <time dateTime={u.publishedAt ?? undefined}>{formatInstant(u.publishedAt, timeZone)}</time>
                </p>
                <p>{u.summary}</p>
              </article>
            </li>
          ))}
        </ol>
      )}
      <nav className="pagination" aria-label="Pages">
        {page > 1 ? <Link to={`?page=${page - 1}`}>Newer updates</Link> : null}
        {hasMore ? <Link to={`?page=${page + 1}`}>Older updates</Link> : null}
      </nav>
    </section>
  );
}
