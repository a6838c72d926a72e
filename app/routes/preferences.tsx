import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { EMAIL_LISTS } from "#db/enums";
import { ListChoices } from "~/components/list-choices";
import { verifyEmailToken } from "~/lib/email-tokens.server";
import { getPreferences, savePreferences, type ListPreference } from "~/models/subscriptions.server";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { z } from "zod";

export const meta: MetaFunction = () => [{ title: "Email preferences | Champions PAC" }];

function contactFrom(token: string | null) {
  return verifyEmailToken("unsubscribe", token)?.contactId ?? null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const contactId = contactFrom(token);
  const preferences = contactId == null ? null : getPreferences(contactId);
  if (!preferences) return Response.json({ valid: false as const }, { status: 400 });
  return { valid: true as const, token: token!, preferences };
}

const LINK_BROKEN = "This link does not work.";
// Unticking every box sends no `lists` at all: that is the choice "send me nothing".
const schema = z.object({
  token: z.string({ message: LINK_BROKEN }),
  lists: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

interface PreferencesReply extends IntentReply {
  saved?: true;
}

export async function action({ request }: ActionFunctionArgs) {
  return handleIntent(
    await request.formData(),
    schema,
    ({ token, lists }) => {
      const contactId = contactFrom(token);
      if (contactId == null) throw new RuleViolation(LINK_BROKEN, "token");
      savePreferences(
        contactId,
        EMAIL_LISTS.filter((l) => lists.includes(l)),
      );
    },
    () => Response.json({ intent: "", result: null, saved: true } satisfies PreferencesReply),
  );
}

export default function EmailPreferences() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<PreferencesReply>();
  if (!data.valid || result?.result?.error) {
    return (
      <section aria-labelledby="prefs-title" className="stack narrow">
        <h1 id="prefs-title">This link does not work</h1>
        <p>Use the preferences link at the bottom of one of our emails.</p>
      </section>
    );
  }
  const { preferences } = data;
  return (
    <section aria-labelledby="prefs-title" className="stack narrow">
      <h1 id="prefs-title">Email preferences</h1>
      <p>
        For {preferences.email ?? preferences.firstName}. Receipts for contributions are always sent; these choices
        cover everything else.
      </p>
      {result?.saved ? (
        <p className="notice" role="status">
          Your preferences are saved.
        </p>
      ) : null}
      <Form method="post" className="stack">
        <input type="hidden" name="token" value={data.token} />
        <ListChoices
          name="lists"
          legend="Send me"
          errorId="lists-error"
          choices={preferences.lists.map((l: ListPreference) => ({
            list: l.list,
            label: l.awaitingConfirmation ? `${l.label} (awaiting your confirmation)` : l.label,
            checked: l.subscribed,
          }))}
        />
        <div>
          <button type="submit">Save preferences</button>
        </div>
      </Form>
    </section>
  );
}
