import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { handleIntent, intentOf, unknownIntent, type IntentReply } from "~/lib/intent-action.server";
import { useReplyFor, useReplyNotice } from "~/components/intent-form";
import { z } from "zod";
import { requireStaff } from "~/lib/session.server";
import { updateFormSchema } from "~/lib/update-form";
import { editUpdate, getUpdate, getUpdateLinks, listLinkOptions, setUpdateVisibility } from "~/models/updates.server";
import { emailUpdateToSubscribers } from "~/models/update-mailing.server";
import { UpdateForm } from "~/components/update-form";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction = () => [{ title: "Edit impact update | Staff" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const update = getUpdate(idParam(params.id, "Update not found"));
  if (!update) throw new Response("Update not found", { status: 404 });
  const links = getUpdateLinks(update.id);
  return {
    update,
    links: {
      candidateIds: links.candidates.map((c) => c.id),
      measureIds: links.measures.map((m) => m.id),
      tagIds: links.tags.map((t) => t.id),
    },
    options: listLinkOptions(),
  };
}

const visibilityIntent = z.object({ intent: z.enum(["publish", "publish-members", "draft"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  const id = idParam(params.id, "Update not found");
  const formData = await request.formData();
  const intent = intentOf(formData);
  const say = (notice: string, status = 200) =>
    Response.json({ intent, result: null, notice } satisfies IntentReply, { status });
  if (intent === "save") {
    return handleIntent(
      formData,
      updateFormSchema,
      (v) => {
        if (!editUpdate(id, v, staff.id)) throw new Response("Update not found", { status: 404 });
      },
      (_, submission) => Response.json({ intent, result: submission.reply(), notice: "Saved." } satisfies IntentReply),
    );
  }
  if (intent === "email") {
    const result = emailUpdateToSubscribers(id, staff.id);
    if (result === "not-found") throw new Response("Update not found", { status: 404 });
    if (result === "draft") return say("Publish the update before emailing it.", 400);
    return say(
      result === 0
        ? "Every subscriber already has this update; nothing new was sent."
        : `Queued for ${result.toLocaleString("en-US")} subscribers.`,
    );
  }
  const parsed = visibilityIntent.safeParse({ intent });
  if (!parsed.success) return unknownIntent(intent);
  const visibility =
    parsed.data.intent === "publish" ? "public" : parsed.data.intent === "publish-members" ? "members" : "draft";
  if (!setUpdateVisibility(id, visibility, staff.id)) throw new Response("Update not found", { status: 404 });
  const messages = {
    public: "Published on the site and in the feed.",
    members: "Published for members (by link and email only).",
    draft: "Taken back to draft.",
  };
  return say(messages[visibility]);
}

export default function EditUpdate() {
  const timeZone = useTimeZone();
  const { update, links, options } = useLoaderData<typeof loader>();
  const notice = useReplyNotice();
  const lastResult = useReplyFor("save");
  const published = update.visibility !== "draft";
  return (
    <section aria-labelledby="edit-title">
      <p>
        <Link to="/admin/updates">All updates</Link>
      </p>
      <h1 id="edit-title">{update.title}</h1>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <p>
        Status: <strong>{update.visibility}</strong>
        {update.publishedAt ? ` · first published ${formatInstant(update.publishedAt, timeZone)}` : ""}
        {published ? (
          <>
            {" · "}
            <Link to={`/updates/${update.slug}`}>View on the site</Link>
          </>
        ) : null}
      </p>
      <Form method="post" className="actions">
        {update.visibility !== "public" ? (
          <button type="submit" name="intent" value="publish">
            Publish on the site
          </button>
        ) : null}
        {update.visibility !== "members" ? (
          <button type="submit" name="intent" value="publish-members" className="secondary">
            Publish for members only
          </button>
        ) : null}
        {published ? (
          <button type="submit" name="intent" value="email" className="secondary">
            Email to subscribers
          </button>
        ) : null}
        {published ? (
          <button type="submit" name="intent" value="draft" className="secondary">
            Back to draft
          </button>
        ) : null}
      </Form>
      <h2>Edit</h2>
      <UpdateForm
        key={update.updatedAt}
        lastResult={lastResult}
        defaultValue={{ title: update.title, summary: update.summary, bodyMarkdown: update.bodyMarkdown, ...links }}
        options={options}
        submitLabel="Save changes"
      />
    </section>
  );
}
