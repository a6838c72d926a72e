import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyEmailToken } from "~/lib/email-tokens.server";
import { LIST_LABELS } from "~/lib/email-lists";
import { unsubscribe } from "~/models/subscriptions.server";

export const meta: MetaFunction = () => [{ title: "Unsubscribe | Champions PAC" }];

// The link in an email leads here; the unsubscribe itself is a POST so that a mail scanner
// following links cannot unsubscribe anyone. Mail clients use /unsubscribe/one-click instead.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const data = verifyEmailToken("unsubscribe", token);
  if (!data || data.lists.length === 0) return Response.json({ valid: false as const }, { status: 400 });
  return { valid: true as const, token: token!, lists: data.lists.map((l) => LIST_LABELS[l]) };
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const token = String(form.get("token") ?? "");
  const data = verifyEmailToken("unsubscribe", token);
  if (!data || data.lists.length === 0) return Response.json({ done: false as const }, { status: 400 });
  unsubscribe(data.contactId, data.lists);
  return { done: true as const, token };
}

export default function Unsubscribe() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (!data.valid || result?.done === false) {
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
