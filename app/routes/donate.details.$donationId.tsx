import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form } from "@remix-run/react";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { useReplyFor, useReplyNotice } from "~/components/intent-form";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { CheckboxField, FormErrors, TextField } from "~/components/field";
import { NOT_EMPLOYED } from "~/lib/donation-form";
import { verifyPathSignature } from "~/lib/signed-link.server";
import { updateDonorDetails } from "~/models/donations.server";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction = () => [{ title: "Employer and occupation | Champions PAC" }];

const schema = z
  .object({
    employer: z.string().trim().max(200).optional(),
    occupation: z.string().trim().max(200).optional(),
    notEmployed: z.literal("on").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.notEmployed) return;
    if (!v.employer)
      ctx.addIssue({ code: "custom", path: ["employer"], message: "Enter your employer, or tick the box below." });
    if (!v.occupation)
      ctx.addIssue({ code: "custom", path: ["occupation"], message: "Enter your occupation, or tick the box below." });
  });

const INVALID_LINK = "This link is not valid. Please use the link in our email.";

function guard(request: Request, donationId: number) {
  const sig = new URL(request.url).searchParams.get("sig");
  if (!verifyPathSignature("donor-details", donationId, sig)) {
    throw new Response(INVALID_LINK, { status: 404 });
  }
  return donationId;
}

export function loader({ request, params }: LoaderFunctionArgs) {
  guard(request, idParam(params.donationId, INVALID_LINK));
  return null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const donationId = guard(request, idParam(params.donationId, INVALID_LINK));
  return handleIntent(
    await request.formData(),
    schema,
    (v) => {
      const saved = updateDonorDetails(donationId, {
        employer: v.notEmployed ? NOT_EMPLOYED.employer : v.employer!,
        occupation: v.notEmployed ? NOT_EMPLOYED.occupation : v.occupation!,
      });
      if (!saved) throw new Response("We could not find that gift.", { status: 404 });
    },
    () => Response.json({ intent: "", result: null, notice: SAVED } satisfies IntentReply),
  );
}

const SAVED = "We have recorded your employer and occupation.";

export default function DonorDetails() {
  const notice = useReplyNotice();
  const [form, fields] = useForm({
    lastResult: useReplyFor(),
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  if (notice === SAVED) {
    return (
      <section aria-labelledby="details-title">
        <h1 id="details-title">Thank you</h1>
        <p role="status">{notice}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="details-title">
      <h1 id="details-title">Your employer and occupation</h1>
      <p className="lede">The law asks us to report these for donors whose gifts pass the reporting threshold.</p>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Employer" field={fields.employer} autoComplete="organization" />
        <TextField label="Occupation" field={fields.occupation} autoComplete="organization-title" />
        <CheckboxField label="I am retired or not employed" field={fields.notEmployed} />
        <div>
          <button type="submit">Save</button>
        </div>
      </Form>
    </section>
  );
}
