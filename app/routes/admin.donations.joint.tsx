/**
 * A check signed by two people (11 CFR 110.1(k)(1)): one form, two contributions, each counted
 * toward its own contributor's limit; blank shares split the check equally (11 CFR 110.1(k)(2)).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { CheckboxField, FormErrors, TextField } from "~/components/field";
import { cleanRefcode, dollarsToCents } from "~/lib/donation-form";
import { isValidEmailAddress } from "~/lib/email-address";
import { requireStaff } from "~/lib/session.server";
import { handleIntent } from "~/lib/intent-action.server";
import { useReplyFor } from "~/components/intent-form";
import { isValidDay } from "~/lib/time-zone";
import { complianceProfile } from "~/models/compliance.server";
import { recordOfflineContribution } from "~/models/offline-contributions.server";

export const meta: MetaFunction = () => [{ title: "Record a joint check | Champions PAC" }];

const optional = (max: number) => z.string().trim().max(max).optional();
const email = z.string().trim().max(254).refine(isValidEmailAddress, "Enter a valid email address.").optional();
const person = {
  firstName: z.string({ required_error: "Enter the first signer's first name." }).trim().max(100),
  lastName: optional(100),
  email,
  street: optional(200),
  city: optional(100),
  state: optional(2),
  zip: optional(10),
  employer: optional(200),
  occupation: optional(200),
  jointFirstName: z.string({ required_error: "Enter the second signer's first name." }).trim().max(100),
  jointLastName: optional(100),
  jointEmail: email,
  jointStreet: optional(200),
  jointCity: optional(100),
  jointState: optional(2),
  jointZip: optional(10),
  jointEmployer: optional(200),
  jointOccupation: optional(200),
};

const schema = z.object({
  amount: z
    .string({ required_error: "Enter the amount of the check." })
    .refine((v) => (dollarsToCents(v) ?? 0) > 0, "Enter the amount in dollars, e.g. 500 or 499.99."),
  receivedOn: z.string({ required_error: "Enter the day it was received." }).refine(isValidDay, "Enter a date."),
  checkNumber: optional(40),
  refcode: optional(64),
  ...person,
  jointShare: z
    .string()
    .refine((v) => (dollarsToCents(v) ?? 0) > 0, "Enter the share in dollars, e.g. 250, or leave it blank.")
    .optional(),
  jointSigned: z.literal("on").optional(),
  notForeignNational: z.literal("on").optional(),
  notContractor: z.literal("on").optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  return { federal: complianceProfile().asksFederalContractor };
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requireStaff(request);
  return handleIntent(
    await request.formData(),
    schema,
    (v) =>
      recordOfflineContribution(
        {
          method: "check",
          contributorType: "individual",
          notForeignNational: v.notForeignNational === "on",
          notContractor: v.notContractor === "on",
          amountCents: dollarsToCents(v.amount)!,
          receivedOn: v.receivedOn,
          isAnonymous: false,
          firstName: v.firstName,
          lastName: v.lastName ?? null,
          email: v.email ?? null,
          street: v.street ?? null,
          city: v.city ?? null,
          state: v.state?.toUpperCase() ?? null,
          zip: v.zip ?? null,
          employer: v.employer ?? null,
          occupation: v.occupation ?? null,
          checkNumber: v.checkNumber ?? null,
          inKindDescription: null,
          refcode: cleanRefcode(v.refcode),
        },
        staff.id,
        undefined,
        {
          firstName: v.jointFirstName,
          lastName: v.jointLastName ?? null,
          email: v.jointEmail ?? null,
          street: v.jointStreet ?? null,
          city: v.jointCity ?? null,
          state: v.jointState?.toUpperCase() ?? null,
          zip: v.jointZip ?? null,
          employer: v.jointEmployer ?? null,
          occupation: v.jointOccupation ?? null,
          shareCents: v.jointShare ? dollarsToCents(v.jointShare) : null,
          bothSigned: v.jointSigned === "on",
        },
      ),
    ({ donationId }) => redirect(`/admin/donations/${donationId}`),
  );
}

export default function JointCheck() {
  const { federal } = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="joint-title">
      <p>
        <Link to="/admin/donations/new">Record a gift from one person</Link>
      </p>
      <h1 id="joint-title">Record a joint check</h1>
      <p className="lede">
        A check signed by two people is a contribution from each of them (11 CFR 110.1(k)(1)). Each share counts toward
        its own contributor's limit and is reported under their name. Leave the share blank to split the check equally
        (11 CFR 110.1(k)(2)).
      </p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Amount of the check (US dollars)" field={fields.amount} />
        <TextField label="Received on" field={fields.receivedOn} type="date" />
        <TextField label="Check number" field={fields.checkNumber} />
        <fieldset className="stack">
          <legend>First signer</legend>
          <TextField label="First signer's first name" field={fields.firstName} />
          <TextField label="First signer's last name" field={fields.lastName} />
          <TextField label="First signer's email" field={fields.email} type="email" />
          <TextField label="First signer's street address" field={fields.street} />
          <TextField label="First signer's city" field={fields.city} />
          <TextField label="First signer's state" field={fields.state} />
          <TextField label="First signer's ZIP code" field={fields.zip} />
          <TextField label="First signer's employer" field={fields.employer} />
          <TextField label="First signer's occupation" field={fields.occupation} />
        </fieldset>
        <fieldset className="stack">
          <legend>Second signer</legend>
          <TextField label="Second signer's first name" field={fields.jointFirstName} />
          <TextField label="Second signer's last name" field={fields.jointLastName} />
          <TextField label="Second signer's email" field={fields.jointEmail} type="email" />
          <TextField label="Second signer's street address" field={fields.jointStreet} />
          <TextField label="Second signer's city" field={fields.jointCity} />
          <TextField label="Second signer's state" field={fields.jointState} />
          <TextField label="Second signer's ZIP code" field={fields.jointZip} />
          <TextField label="Second signer's employer" field={fields.jointEmployer} />
          <TextField label="Second signer's occupation" field={fields.jointOccupation} />
          <TextField
            label="Second signer's share (US dollars)"
            field={fields.jointShare}
            hint="Blank: half the check. The first signer's share is the rest."
          />
        </fieldset>
        <fieldset className="stack">
          <legend>Confirmed (on the check, its response card, or to you)</legend>
          <CheckboxField label="Both signed the check, or a writing that came with it" field={fields.jointSigned} />
          <CheckboxField label="Both are US citizens or lawful permanent residents" field={fields.notForeignNational} />
          {federal ? <CheckboxField label="Neither is a federal contractor" field={fields.notContractor} /> : null}
        </fieldset>
        <div>
          <button type="submit">Record joint check</button>
        </div>
      </Form>
    </section>
  );
}
