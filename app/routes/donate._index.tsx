import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { CheckboxField, FormErrors, Honeypot, TextField } from "~/components/field";
import { GoalBar } from "~/components/goal-bar";
import { centsToDollarsText, cleanRefcode, dollarsToCents, donationFormSchema } from "~/lib/donation-form";
import { formatCents } from "~/lib/format";
import { handlePublicForm } from "~/lib/public-form-limit.server";
import { useReplyFor } from "~/components/intent-form";
import { startCheckout } from "~/models/donation-checkout.server";
import { ACCOUNT_NOT_ACTIVE, resolveAccount } from "~/models/accounts.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { getDonatePage } from "~/models/donate-page.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";

export const meta: MetaFunction = () => [
  { title: "Donate | Champions PAC" },
  { name: "description", content: "Give to the PAC once or monthly." },
];

// The form is always parsed with the federal attestation optional; the model requires it when
// the active profile is federal, so one schema serves both profiles on server and browser.
const schema = donationFormSchema({ federal: false });

export function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const page = getDonatePage();
  const requested = dollarsToCents(url.searchParams.get("amount"));
  const preset = requested && page.suggestedAmountsCents.includes(requested) ? requested : null;
  return {
    ...page,
    preselect: {
      amount: preset ? String(preset) : "",
      otherAmount: requested && !preset ? centsToDollarsText(requested) : "",
      refcode: cleanRefcode(url.searchParams.get("refcode")) ?? "",
      // The thank-you page's "make it monthly" offer links here with frequency=monthly.
      frequency: (url.searchParams.get("frequency") === "monthly" ? "monthly" : "one_time") as "monthly" | "one_time",
    },
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  return handlePublicForm({
    request,
    context,
    schema,
    form: "donate",
    // A bot that fills the honeypot sees the plain thank-you page; no payment is opened.
    thanksPath: "/donate/thank-you",
    submit: (value) => {
      // Asked only when two accounts take gifts; otherwise the main account, without asking.
      const account = resolveAccount(value.account);
      if (!account) throw new RuleViolation(ACCOUNT_NOT_ACTIVE);
      return startCheckout({ ...value, account, notContractor: value.notContractor === "on" });
    },
    done: (started) => redirect(started.url, 303),
    // The amount is typed in "Other amount" when it is not one of the suggested ones.
    fieldFor: (field, value) => (field === "amount" && value.otherAmount ? "otherAmount" : field),
  });
}

export default function Donate() {
  const page = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { ...page.preselect, frequency: page.preselect.frequency === "monthly" ? "monthly" : "one_time" },
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  const periodWord = (kind: string) => (kind === "calendar_year" ? "calendar year" : "election cycle");
  const several = page.accounts.length > 1;
  const federalAccount = page.accounts.find((a) => a.federal);
  return (
    <section aria-labelledby="donate-title" className="donate">
      <div className="donate-head">
        <div>
          <h1 id="donate-title">Donate to {page.pacName}</h1>
          <p className="muted">Your gift helps elect champions and keep a public record of every vote they cast.</p>
        </div>
        <GoalBar {...page.goal} />
      </div>
      {!page.paymentsConfigured ? (
        <div className="notice" role="status">
          <h2>Online payments are not configured</h2>
          <p>
            This site cannot take card payments yet. You can still give by check, payable to {page.pacName}, mailed to:
          </p>
          <address>{page.pacAddress}</address>
          <p className="hint">
            Please include your name, mailing address, employer and occupation
            {several ? ", and which account the gift is for" : ""}.
          </p>
          {page.accounts.map((a) => (
            <p className="hint" key={a.key}>
              {several ? <strong>{a.label}: </strong> : null}
              {a.bestEffortsStatement}
            </p>
          ))}
        </div>
      ) : (
        <>
          <FormErrors errors={form.errors} id={form.errorId} />
          <Form method="post" {...getFormProps(form)} className="donate-form">
            <Honeypot />
            <input type="hidden" name={fields.refcode.name} value={page.preselect.refcode} />
            <fieldset
              className="donate-amount"
              aria-describedby={fields.amount.errors ? fields.amount.errorId : undefined}
            >
              <legend>Choose an amount</legend>
              <div className="amount-options">
                {page.suggestedAmountsCents.map((cents) => {
                  const { key, ...props } = getInputProps(fields.amount, { type: "radio", value: String(cents) });
                  return (
                    <label key={key ?? cents} className="amount-option">
                      <input {...props} id={`${fields.amount.id}-${cents}`} />
                      <span>{formatCents(cents)}</span>
                    </label>
                  );
                })}
              </div>
              {fields.amount.errors ? (
                <p id={fields.amount.errorId} className="field-error" role="alert">
                  {fields.amount.errors.join(" ")}
                </p>
              ) : null}
              <TextField
                label="Other amount (US dollars)"
                field={fields.otherAmount}
                type="text"
                hint="Leave empty to use the amount chosen above."
              />
            </fieldset>
            {several ? (
              <fieldset className="donate-account">
                <legend>Give to</legend>
                <div className="frequency">
                  {page.accounts.map((a, i) => (
                    <label key={a.key} className="check">
                      <input type="radio" name="account" value={a.key} defaultChecked={i === 0} required />
                      <span>
                        {a.label} (up to {formatCents(a.limitCents)} per person per {periodWord(a.periodKind)})
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            ) : null}
            <fieldset className="donate-often">
              <legend>How often</legend>
              <div className="frequency">
                {(["one_time", "monthly"] as const).map((value) => {
                  const { key, ...props } = getInputProps(fields.frequency, { type: "radio", value });
                  return (
                    <label key={key ?? value} className="check">
                      <input {...props} id={`${fields.frequency.id}-${value}`} />
                      <span>{value === "one_time" ? "Give once" : "Give every month"}</span>
                    </label>
                  );
                })}
              </div>
              <p className="hint">Change or cancel a monthly gift at any time.</p>
            </fieldset>
            <div className="donate-donor">
              <fieldset>
                <legend>About you</legend>
                <div className="field-grid">
                  <TextField label="First name" field={fields.firstName} autoComplete="given-name" />
                  <TextField label="Last name" field={fields.lastName} autoComplete="family-name" />
                  <div className="span-6">
                    <TextField
                      label="Email"
                      field={fields.email}
                      type="email"
                      autoComplete="email"
                      hint="For your receipt."
                    />
                  </div>
                  <div className="span-6">
                    <TextField label="Street address" field={fields.street} autoComplete="street-address" />
                  </div>
                  <div className="span-2">
                    <TextField label="City" field={fields.city} autoComplete="address-level2" />
                  </div>
                  <div className="span-2">
                    <TextField
                      label="State"
                      field={fields.state}
                      autoComplete="address-level1"
                      hint="Two letters, e.g. NM."
                    />
                  </div>
                  <div className="span-2">
                    <TextField label="ZIP code" field={fields.zip} autoComplete="postal-code" />
                  </div>
                  <TextField label="Employer" field={fields.employer} autoComplete="organization" />
                  <TextField label="Occupation" field={fields.occupation} autoComplete="organization-title" />
                  <div className="span-6">
                    <CheckboxField label="I am retired or not employed" field={fields.notEmployed} />
                  </div>
                </div>
                <div id="best-efforts">
                  {page.accounts.map((a) => (
                    <p className="hint" key={a.key}>
                      {several ? <strong>{a.label}: </strong> : null}
                      {a.bestEffortsStatement} Gifts are limited to {formatCents(a.limitCents)} per person per{" "}
                      {periodWord(a.periodKind)}.
                    </p>
                  ))}
                </div>
              </fieldset>
              <fieldset className="attestations">
                <legend>By giving, I confirm that</legend>
                <CheckboxField
                  label="I am a US citizen or lawful permanent resident (green card holder)."
                  field={fields.citizen}
                />
                <CheckboxField
                  label="This gift is made from my own funds, not those of another person."
                  field={fields.ownFunds}
                />
                <CheckboxField
                  label="The card I use is my own, not a corporate card or another person's card."
                  field={fields.ownCard}
                />
                <CheckboxField label="I am at least 18 years old." field={fields.adult} />
                {federalAccount ? (
                  <CheckboxField
                    label={
                      several
                        ? `I am not a federal contractor (required for gifts to the ${federalAccount.label}).`
                        : "I am not a federal contractor."
                    }
                    field={fields.notContractor}
                  />
                ) : null}
              </fieldset>
            </div>
            <div className="donate-go">
              <button type="submit" className="button-large button-block">
                Continue to secure payment
              </button>
              <p className="hint">You will pay on Stripe's secure page; we never see your card number.</p>
            </div>
          </Form>
        </>
      )}
    </section>
  );
}
