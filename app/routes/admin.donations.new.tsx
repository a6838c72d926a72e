import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { CheckboxField, FormErrors, SelectField, TextField, TextareaField } from "~/components/field";
import { cleanRefcode, dollarsToCents, OFFLINE_METHODS } from "~/lib/donation-form";
import { CONTRIBUTOR_TYPES } from "#db/enums";
import { CONTRIBUTOR_TYPE_LABELS } from "~/components/donation-status";
import { requireStaff } from "~/lib/session.server";
import { handleIntent } from "~/lib/intent-action.server";
import { useReplyFor } from "~/components/intent-form";
import { isValidDay } from "~/lib/time-zone";
import { recordOfflineContribution } from "~/models/offline-contributions.server";
import { ACCOUNT_NOT_ACTIVE, activeAccounts, resolveAccount } from "~/models/accounts.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { isValidEmailAddress } from "~/lib/email-address";

export const meta: MetaFunction = () => [{ title: "Record a gift | Champions PAC" }];

const optional = (max: number) => z.string().trim().max(max).optional();

const schema = z.object({
  account: z.string().trim().max(40).optional(),
  method: z.enum(OFFLINE_METHODS, { errorMap: () => ({ message: "Choose check, cash or in-kind." }) }),
  contributorType: z.enum(CONTRIBUTOR_TYPES, { errorMap: () => ({ message: "Choose who the gift comes from." }) }),
  amount: z
    .string({ required_error: "Enter the amount." })
    .refine((v) => (dollarsToCents(v) ?? 0) > 0, "Enter the amount in dollars, e.g. 50 or 49.99."),
  receivedOn: z.string({ required_error: "Enter the day it was received." }).refine(isValidDay, "Enter a date."),
  isAnonymous: z.literal("on").optional(),
  notForeignNational: z.literal("on").optional(),
  notContractor: z.literal("on").optional(),
  acceptExcess: z.literal("on").optional(),
  firstName: optional(100),
  lastName: optional(100),
  email: z.string().trim().max(254).refine(isValidEmailAddress, "Enter a valid email address.").optional(),
  street: optional(200),
  city: optional(100),
  state: optional(2),
  zip: optional(10),
  employer: optional(200),
  occupation: optional(200),
  checkNumber: optional(40),
  inKindDescription: optional(1000),
  refcode: optional(64),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const accounts = activeAccounts();
  return {
    accounts: accounts.map((a) => ({ key: a.key, label: a.label })),
    // Asked whenever a gift could go to an account whose rules ask it (52 U.S.C. 30119).
    federal: accounts.some((a) => a.profile.asksFederalContractor),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return handleIntent(
    await request.formData(),
    schema,
    (v) => {
      const account = resolveAccount(v.account);
      if (!account) throw new RuleViolation(ACCOUNT_NOT_ACTIVE, "account");
      return recordOfflineContribution(
        {
          account,
          method: v.method,
          contributorType: v.contributorType,
          notForeignNational: v.notForeignNational === "on",
          notContractor: v.notContractor === "on",
          acceptExcess: v.acceptExcess === "on",
          amountCents: dollarsToCents(v.amount)!,
          receivedOn: v.receivedOn,
          isAnonymous: Boolean(v.isAnonymous),
          firstName: v.firstName ?? null,
          lastName: v.lastName ?? null,
          email: v.email ?? null,
          street: v.street ?? null,
          city: v.city ?? null,
          state: v.state?.toUpperCase() ?? null,
          zip: v.zip ?? null,
          employer: v.employer ?? null,
          occupation: v.occupation ?? null,
          checkNumber: v.checkNumber ?? null,
          inKindDescription: v.inKindDescription ?? null,
          refcode: cleanRefcode(v.refcode),
        },
        staff.id,
      );
    },
    ({ donationId }) => redirect(`/admin/donations/${donationId}`),
  );
}

export default function NewOfflineGift() {
  const { federal, accounts } = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { method: "check", contributorType: "individual", account: accounts[0].key },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="offline-title">
      <p>
        <Link to="/admin/donations">All donations</Link>
      </p>
      <h1 id="offline-title">Record a check, cash or in-kind gift</h1>
      <p className="lede">
        The same limits apply as online, plus the caps on cash and anonymous gifts. A gift without the employer or
        occupation the report needs is still recorded (deposit a check within 10 days): it is marked "information
        requested" and the donor is asked for it by email, or by a letter to print when there is no email.
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        {accounts.length > 1 ? (
          <SelectField
            label="Account"
            field={fields.account}
            options={accounts.map((a) => ({ value: a.key, label: a.label }))}
          />
        ) : null}
        <SelectField
          label="Method"
          field={fields.method}
          options={[
            { value: "check", label: "Check" },
            { value: "cash", label: "Cash" },
            { value: "in_kind", label: "In-kind (goods or services)" },
          ]}
        />
        <SelectField
          label="From"
          field={fields.contributorType}
          options={CONTRIBUTOR_TYPES.map((value) => ({ value, label: CONTRIBUTOR_TYPE_LABELS[value] }))}
        />
        <TextField label="Amount or fair value (US dollars)" field={fields.amount} />
        <TextField label="Received on" field={fields.receivedOn} type="date" />
        <CheckboxField
          label="Deposit it even if it passes the donor's limit"
          field={fields.acceptExcess}
          hint="The excess goes to the excessive contributions queue, to be refunded (or reattributed) before its deadline."
        />
        <TextField label="Check number" field={fields.checkNumber} />
        <TextareaField label="What was given (in-kind only)" field={fields.inKindDescription} rows={2} />
        <CheckboxField label="Anonymous gift (no name known)" field={fields.isAnonymous} />
        <TextField label="First name" field={fields.firstName} />
        <TextField label="Last name" field={fields.lastName} />
        <TextField
          label="Email"
          field={fields.email}
          type="email"
          hint="Sends a receipt. The donor is found by name and address, with this email when given."
        />
        <TextField label="Street address" field={fields.street} />
        <TextField label="City" field={fields.city} />
        <TextField label="State" field={fields.state} />
        <TextField label="ZIP code" field={fields.zip} />
        <TextField label="Employer" field={fields.employer} />
        <TextField label="Occupation" field={fields.occupation} />
        <TextField
          label="Refcode"
          field={fields.refcode}
          hint="Optional: the event or mailing that brought the gift."
        />
        <fieldset className="stack">
          <legend>The donor confirmed (on the check's response card, or to you)</legend>
          <CheckboxField label="They are a US citizen or lawful permanent resident" field={fields.notForeignNational} />
          {federal ? <CheckboxField label="They are not a federal contractor" field={fields.notContractor} /> : null}
        </fieldset>
        <p>
          A check signed by two people? <Link to="/admin/donations/joint">Record a joint check</Link>.
        </p>
        <div>
          <button type="submit">Record gift</button>
        </div>
      </Form>
    </section>
  );
}
