import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { CheckboxField, FormErrors, SelectField, TextareaField, TextField } from "~/components/field";
import { requireAdmin } from "~/lib/session.server";
import { settingsFormSchema } from "~/lib/settings-form";
import { COMPLIANCE_PROFILE_LABELS, COMPLIANCE_PROFILES } from "~/lib/compliance-profiles";
import { centsToDollarsText } from "~/lib/donation-form";
import { getSettings, saveSettingsAsStaff } from "~/models/settings.server";
import { activeAccounts } from "~/models/accounts.server";
import { formatCents } from "~/lib/format";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";

export const meta: MetaFunction = () => [{ title: "Settings | Staff" }];

export const handle = { adminOnly: true };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const settings = getSettings();
  return {
    settings,
    inForce: activeAccounts(settings).map((a) => ({
      key: a.key,
      label: a.label,
      limitCents: a.profile.limitCents,
      periodWord: a.profile.periodKind === "calendar_year" ? "calendar year" : "election cycle",
      source: a.profile.limitSource,
    })),
  };
}

interface SettingsReply extends IntentReply {
  saved?: true;
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  return handleIntent(
    await request.formData(),
    settingsFormSchema,
    ({ accountLabels, ...rest }) => saveSettingsAsStaff(accountLabels ? { ...rest, accountLabels } : rest, admin.id),
    (_, submission) => Response.json({ intent: "", result: submission.reply(), saved: true } satisfies SettingsReply),
  );
}

export default function SettingsPage() {
  const { settings, inForce } = useLoaderData<typeof loader>();
  const data = useActionData<SettingsReply>();
  const [form, fields] = useForm({
    lastResult: data?.result ?? undefined,
    constraint: getZodConstraint(settingsFormSchema),
    ...VALIDATE_ON_BLUR,
    defaultValue: {
      ...settings,
      fundraisingGoalCents: centsToDollarsText(settings.fundraisingGoalCents),
      suggestedAmountsCents: settings.suggestedAmountsCents.map(centsToDollarsText).join(" "),
      alignmentCountsUnanimous: settings.alignmentCountsUnanimous ? "on" : undefined,
      bankPaymentsEnabled: settings.bankPaymentsEnabled ? "on" : undefined,
      // Checkboxes read their own state from the settings (defaultChecked).
      additionalAccounts: undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: settingsFormSchema }),
  });
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      {data?.saved ? (
        <p className="notice" role="status">
          Settings saved.
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <h2>The PAC</h2>
        <TextField label="Legal name" field={fields.pacName} />
        <TextField label="Postal address" field={fields.pacAddress} />
        <TextField label="Website address" field={fields.pacUrl} />
        <TextareaField
          label="Disclaimer"
          field={fields.disclaimer}
          rows={3}
          hint="Shown in the site footer and on every list email, e.g. “Paid for by … Not authorized by any candidate or candidate's committee.”"
        />
        <TextField
          label="Staff notification address"
          field={fields.staffNotifyEmail}
          type="email"
          hint="New volunteers, referrals and tips are sent here."
        />
        <TextField
          label="Sender address"
          field={fields.fromEmail}
          hint="Must be on a domain verified with your email provider."
        />
        <h2>Compliance</h2>
        <p className="hint">The PAC's treasurer confirms these figures; the app enforces them on every gift.</p>
        <SelectField
          label="Main account (its compliance profile)"
          field={fields.complianceProfile}
          hint="The donate page offers it first; gifts recorded without a choice of account go to it."
          options={COMPLIANCE_PROFILES.map((p) => ({ value: p, label: COMPLIANCE_PROFILE_LABELS[p] }))}
        />
        <fieldset className="stack">
          <legend>Accounts taking gifts</legend>
          <p className="hint">
            A PAC with federal and state accounts takes gifts to both: each gift belongs to one account, and each
            account has its own limits, totals and reports. The main account always takes gifts.
          </p>
          {COMPLIANCE_PROFILES.map((key) => (
            <div key={key} className="stack">
              <label className="check">
                <input
                  type="checkbox"
                  name={fields.additionalAccounts.name}
                  value={key}
                  defaultChecked={settings.additionalAccounts.includes(key)}
                />
                <span>Also take gifts to the account under {COMPLIANCE_PROFILE_LABELS[key]}</span>
              </label>
              <TextField
                label={`Name of the ${key === settings.complianceProfile ? "main " : ""}account (${COMPLIANCE_PROFILE_LABELS[key]})`}
                field={fields.accountLabels.getFieldset()[key]}
              />
            </div>
          ))}
        </fieldset>
        {inForce.map((a) => (
          <p key={a.key} id={`limit-in-force-${a.key}`} className={a.key === inForce[0].key ? undefined : "hint"}>
            {a.label}: limit in force today <strong>{formatCents(a.limitCents)}</strong> per person per {a.periodWord},
            from <a href={a.source.url}>{a.source.source}</a> (in force since {a.source.from}).
          </p>
        ))}
        <p className="hint" id="limit-in-force">
          Figures the law adjusts are kept with their dates and sources in the app's data; a gift is checked against the
          figure of its own day.
        </p>
        <TextField
          label="Reporting time zone"
          field={fields.timeZone}
          hint="Decides which year or election a gift made near midnight counts toward."
        />
        <h2>Fundraising</h2>
        <TextField
          label="Suggested amounts (dollars)"
          field={fields.suggestedAmountsCents}
          hint="Separated by spaces, e.g. 10 25 50 100 250."
        />
        <TextField label="Fundraising goal (dollars)" field={fields.fundraisingGoalCents} />
        <CheckboxField
          label="Accept US bank account payments (ACH)"
          field={fields.bankPaymentsEnabled}
          hint="Cards only when off. A bank payment is confirmed days after the donor pays; the gift counts from the day Stripe confirms it."
        />
        <h2>Scorecards</h2>
        <CheckboxField
          label="Count unanimous votes in alignment scores"
          field={fields.alignmentCountsUnanimous}
          hint="Some scorecards leave unanimous votes out; candidate pages say which rule is used."
        />
        <div>
          <button type="submit">Save settings</button>
        </div>
      </Form>
    </section>
  );
}
