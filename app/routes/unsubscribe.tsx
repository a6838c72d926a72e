import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyEmailToken } from "~/lib/email-tokens.server";
import { LIST_LABELS } from "~/lib/email-lists";
import { unsubscribe } from "~/models/subscriptions.server";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Unsubscribe | Champions PAC" }];

// The link in an email leads here; the unsubscribe itself is a POST so that a mail scanner
// following links cannot unsubscribe anyone. Mail clients use /unsubscribe/one-click instead.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const data = verifyEmailToken("unsubscribe", token);
  if (!data || data.lists.length === 0) return Response.json({ valid: false as const }, { status: 400 });
  return { valid: true as const, token: token!, lists: data.lists.map((l) => LIST_LABELS[l]) };
}

const LINK_BROKEN = "This link does not work.";
const schema = z.object({ token: z.string({ message: LINK_BROKEN }) });

interface UnsubscribeReply extends IntentReply {
  done?: true;
  token?: string;
}

export async function action({ request }: ActionFunctionArgs) {
  return handleIntent(
    await request.formData(),
    schema,
    ({ token }) => {
      const data = verifyEmailToken("unsubscribe", token);
      if (!data || data.lists.length === 0) throw new RuleViolation(LINK_BROKEN, "token");
      unsubscribe(data.contactId, data.lists);
    },
    (_, submission) =>
      Response.json({
        intent: "",
        result: null,
        done: true,
        token: submission.status === "success" ? submission.value.token : undefined,
      } satisfies UnsubscribeReply),
  );
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<UnsubscribeReply>();
  if (!data.valid || result?.result?.error) {
    return (
      <section aria-labelledby="unsub-title" className="stack narrow">
        <h1 id="unsub-title">This link does not work</h1>
        <p>
          It may have been copied incompletely. Use the link at the bottom of one of our emails, or reply to it and we
          will remove you by hand.
        </p>
      </section>
    );
  }
  if (result?.done) {
    return (
      <section aria-labelledby="unsub-title" className="stack narrow">
        <h1 id="unsub-title">You are unsubscribed</h1>
        <p role="status">
          You will no longer receive: {data.lists.join("; ")}. Receipts for any contribution still reach you.
        </p>
        <p>
          <Link to={`/preferences?token=${result.token}`}>Review all your email preferences</Link>
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="unsub-title" className="stack narrow">
      <h1 id="unsub-title">Unsubscribe</h1>
      <p>Stop receiving: {data.lists.join("; ")}?</p>
      <Form method="post" className="actions">
        <input type="hidden" name="token" value={data.token} />
        <button type="submit">Unsubscribe</button>
        <Link to={`/preferences?token=${data.token}`}>Choose what you receive instead</Link>
      </Form>
    </section>
  );
}
