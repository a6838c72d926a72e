import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublishedUpdate } from "~/models/updates.server";
import { markdownToHtml } from "~/lib/markdown.server";
import { formatInstant } from "~/lib/format";

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: `${data.title} | Champions PAC` },
        { name: "description", content: data.summary },
        ...(data.listed ? [] : [{ name: "robots", content: "noindex" }]),
      ]
    : [{ title: "Update not found" }];

export function loader({ params }: LoaderFunctionArgs) {
  const found = getPublishedUpdate(params.slug ?? "");
  if (!found) throw new Response("Update not found", { status: 404 });
  const { update } = found;
  return {
    title: update.title,
    summary: update.summary,
    publishedAt: update.publishedAt,
    listed: update.visibility === "public",
    html: markdownToHtml(update.bodyMarkdown),
    candidates: found.candidates,
    measures: found.measures,
    tags: found.tags,
  };
}

export default function UpdatePage() {
  const data = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="update-title">
      <p>
        <Link to="/updates">Impact updates</Link>
      </p>
      <h1 id="update-title">{data.title}</h1>
      <p className="muted">
        <time dateTime={data.publishedAt ?? undefined}>{formatInstant(data.publishedAt)}</time>
        {data.tags.length ? ` · ${data.tags.map((t) => t.name).join(", ")}` : ""}
      </p>
      <p className="lede">{data.summary}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: data.html }} />
      {data.candidates.length || data.measures.length ? (
        <aside aria-labelledby="cited-title" className="notice">
          <h2 id="cited-title">The record behind this update</h2>
          <ul>
            {data.candidates.map((c) => (
              <li key={`c${c.id}`}>
                <Link to={`/candidates/${c.slug}`}>{c.displayName}</Link>
              </li>
            ))}
            {data.measures.map((m) => (
              <li key={`m${m.id}`}>
                <Link to={`/measures/${m.id}`}>{m.title}</Link>
              </li>
            ))}
          </ul>
        </aside>
      ) : null}
    </article>
  );
}
