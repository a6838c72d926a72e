import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { signEmailToken, verifyEmailToken } from "~/lib/email-tokens.server";
import { confirmSubscription, LIST_LABELS } from "~/models/subscriptions.server";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Confirm your subscription | Champions PAC" }];

// Confirming takes a click on a button (a POST): mail scanners that follow every link in an
// email with a GET must not confirm on the reader's behalf.
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const data = verifyEmailToken("confirm", token);
  if (!data || data.lists.length === 0) return Response.json({ valid: false as const }, { status: 400 });
  return { valid: true as const, token: token!, lists: data.lists.map((l) => LIST_LABELS[l]) };
}

const LINK_BROKEN = "This link does not work.";
const schema = z.object({ token: z.string({ message: LINK_BROKEN }) });

interface ConfirmReply extends IntentReply {
  confirmed?: true;
  lists?: string[];
  preferences?: string;
}

export async function action({ request }: ActionFunctionArgs) {
  return handleIntent(
    await request.formData(),
    schema,
    ({ token }) => {
      const data = verifyEmailToken("confirm", token);
      if (!data) throw new RuleViolation(LINK_BROKEN, "token");
      const lists = confirmSubscription(data.contactId, data.lists, undefined, { linkIssuedAt: data.issuedAt });
      if (lists.length === 0) throw new RuleViolation(LINK_BROKEN, "token");
      return { contactId: data.contactId, lists };
    },
    ({ contactId, lists }) =>
      Response.json({
        intent: "",
        result: null,
        confirmed: true,
        lists: lists.map((l) => LIST_LABELS[l]),
        preferences: signEmailToken("unsubscribe", { contactId, lists: [] }),
      } satisfies ConfirmReply),
  );
}

export default function ConfirmSubscription() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ConfirmReply>();
  if (result?.confirmed) {
    return (
      <section aria-labelledby="confirm-title" className="stack narrow">
        <h1 id="confirm-title">You are subscribed</h1>
        <p>Thank you. You will receive: {(result.lists ?? []).join("; ")}.</p>
        <p>
          <Link to={`/preferences?token=${result.preferences}`}>Change your email preferences</Link> at any time.
        </p>
      </section>
    );
  }
  if (!data.valid || result?.result?.error) {
    return (
      <section aria-labelledby="confirm-title" className="stack narrow">
        <h1 id="confirm-title">This link does not work</h1>
        <p>
          It may have expired (links work for 7 days), been used up by a later unsubscribe, or been copied incompletely.{" "}
          <Link to="/subscribe">Subscribe again</Link> to get a new one.
        </p>
      </section>
    );
  }
  return (
    <section aria-labelledby="confirm-title" className="stack narrow">
      <h1 id="confirm-title">Confirm your subscription</h1>
      <p>You asked to receive: {data.lists.join("; ")}.</p>
      <Form method="post">
        <input type="hidden" name="token" value={data.token} />
        <button type="submit">Confirm my subscription</button>
      </Form>
    </section>
  );
}
