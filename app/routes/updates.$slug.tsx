import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getPublishedUpdate } from "~/models/updates.server";
import { markdownToHtml } from "~/lib/markdown.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { shareMeta } from "~/lib/share-meta";
import { getCandidateCards, getMeasureCards } from "~/models/record-cards.server";
import { CandidateCard, MeasureCard } from "~/components/record-card";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) =>
  data
    ? [
        ...shareMeta(matches, {
          title: `${data.title} | Champions PAC`,
          description: data.summary,
          path: `/updates/${data.slug}`,
          type: "article",
          image: `/share/updates/${data.slug}/image.png`,
          imageAlt: data.title,
        }),
        ...(data.listed ? [] : [{ name: "robots", content: "noindex" }]),
      ]
    : [{ title: "Update not found" }];

export function loader({ params }: LoaderFunctionArgs) {
  const found = getPublishedUpdate(params.slug ?? "");
  if (!found) throw new Response("Update not found", { status: 404 });
  const { update } = found;
  return {
    slug: update.slug,
    title: update.title,
    summary: update.summary,
    publishedAt: update.publishedAt,
    listed: update.visibility === "public",
    html: markdownToHtml(update.bodyMarkdown),
    candidates: getCandidateCards(found.candidates.map((c) => c.slug)),
    measures: getMeasureCards(found.measures.map((m) => m.id)),
    tags: found.tags,
  };
}

export default function UpdatePage() {
  const timeZone = useTimeZone();
  const data = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="update-title">
      <p>
        <Link to="/updates">Impact updates</Link>
      </p>
      <h1 id="update-title">{data.title}</h1>
      <p className="muted">
        <time dateTime={data.publishedAt ?? undefined}>{formatInstant(data.publishedAt, timeZone)}</time>
        {data.tags.length ? ` · ${data.tags.map((t) => t.name).join(", ")}` : ""}
      </p>
      <p className="lede">{data.summary}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: data.html }} />
      {data.candidates.length || data.measures.length ? (
        <section aria-labelledby="cited-title">
          <h2 id="cited-title">The record behind this update</h2>
          <div className="stack-wide">
            {data.measures.map((m) => (
              <MeasureCard key={`m${m.measure.id}`} {...m} />
            ))}
            {data.candidates.length ? (
              <ul className="cards">
                {data.candidates.map((c) => (
                  <li key={`c${c.slug}`}>
                    <CandidateCard {...c} />
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        </section>
      ) : null}
    </article>
  );
}
