import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getReferral, OPT_IN_PURPOSE, recordReferralOptIn, recordReferralOptOut } from "~/models/referrals.server";
import { verifySignedToken } from "~/lib/signed-token.server";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { z } from "zod";
import { FormErrors } from "~/components/field";

export const meta: MetaFunction = () => [
  { title: "You were suggested as a candidate | Champions PAC" },
  { name: "robots", content: "noindex" },
];

/** An invitation is answered within this time; after it, staff reach out afresh if they wish. */
const OPT_IN_TTL_MS = 30 * 24 * 60 * 60 * 1000;

function referralFrom(token: string | undefined) {
  const id = verifySignedToken(OPT_IN_PURPOSE, token ?? "");
  const found = id === null ? null : getReferral(id);
  if (!found) throw new Response("This invitation link is not valid.", { status: 404 });
  const { referral } = found;
  if (!referral.suggestedOptedInAt && Date.now() - Date.parse(referral.createdAt) > OPT_IN_TTL_MS) {
    throw new Response("This invitation has expired.", { status: 410 });
  }
  return referral;
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const referral = referralFrom(params.token);
  const declining = new URL(request.url).searchParams.get("choice") === "no";
  return {
    name: referral.suggestedName,
    office: referral.office,
    optedIn: Boolean(referral.suggestedOptedInAt),
    declining,
  };
}

// A GET only shows the question; agreeing is a POST, so a mail scanner following the link agrees to nothing.
export async function action({ params, request }: ActionFunctionArgs) {
  const referral = referralFrom(params.token);
  return handleIntent(
    await request.formData(),
    answerSchema,
    ({ intent }) => {
      if (intent === "opt-out") {
        recordReferralOptOut(referral.id);
        return false;
      }
      // Works once: a second post finds the answer already recorded and changes nothing.
      if (!referral.suggestedOptedInAt) recordReferralOptIn(referral.id, null);
      return true;
    },
    (optedIn, submission) =>
      Response.json({
        intent: submission.status === "success" ? submission.value.intent : "",
        result: null,
        optedIn,
        optedOut: !optedIn,
      } satisfies OptInReply),
  );
}

/** The two buttons of the page; a post with neither is refused above the buttons. */
const answerSchema = z.object({
  intent: z.enum(["opt-in", "opt-out"], { message: "Choose one of the two answers." }),
});

interface OptInReply extends IntentReply {
  optedIn?: boolean;
  optedOut?: boolean;
}

export default function OptIn() {
  const { name, office, optedIn, declining } = useLoaderData<typeof loader>();
  const result = useActionData<OptInReply>();
  const refused = result?.result?.error ? Object.values(result.result.error).flatMap((e) => e ?? []) : [];
  if (result?.optedOut) {
    return (
      <section aria-labelledby="optin-title" className="stack narrow">
        <h1 id="optin-title">We will not email you again</h1>
        <p role="status">This address is off our lists: no invitation or other message from us will reach it.</p>
      </section>
    );
  }
  if (optedIn || result?.optedIn) {
    return (
      <section aria-labelledby="optin-title" className="stack narrow">
        <h1 id="optin-title">Thank you, {name}</h1>
        <p>Someone from our team will be in touch with you soon.</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="optin-title" className="stack narrow">
      <h1 id="optin-title">{name}, someone thinks you would be a great elected leader</h1>
      <p>
        A supporter suggested you for {office || "public office"}. We would like to talk with you about it. We will
        contact you only if you agree.
      </p>
      <FormErrors errors={refused} />
      <Form method="post" className="actions">
        <button type="submit" name="intent" value="opt-in" className={declining ? "secondary" : undefined}>
          Yes, you may contact me
        </button>
        <button type="submit" name="intent" value="opt-out" className={declining ? undefined : "secondary"}>
          Never email me again
        </button>
      </Form>
      <p className="muted">If you are not interested, ignore the invitation: we will not contact you.</p>
    </section>
  );
}
