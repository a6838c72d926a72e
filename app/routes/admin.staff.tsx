import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { STAFF_ROLES } from "#db/enums";
import { FormErrors, SelectField, TextField } from "~/components/field";
import { requireAdmin } from "~/lib/session.server";
import { recordAudit } from "~/models/audit.server";
import { MIN_PASSWORD_LENGTH } from "~/lib/password-rules";
import { createStaffUser, listStaffUsers } from "~/models/staff-users.server";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { isValidEmailAddress } from "~/lib/email-address";
import { handleIntent, type IntentReply } from "~/lib/intent-action.server";
import { useReplyFor } from "~/components/intent-form";

export const meta: MetaFunction = () => [{ title: "Staff accounts | Champions PAC" }];

export const handle = { adminOnly: true };

const schema = z.object({
  email: z
    .string({ required_error: "Enter an email address." })
    .trim()
    .max(254)
    .refine(isValidEmailAddress, "Enter a valid email address."),
  password: z
    .string({ required_error: "Enter a password." })
    .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters.`)
    .max(1024),
  role: z.enum(STAFF_ROLES, { errorMap: () => ({ message: "Choose a role." }) }),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return { users: listStaffUsers() };
}

export async function action({ request }: ActionFunctionArgs) {
  const admin = await requireAdmin(request);
  return handleIntent(
    await request.formData(),
    schema,
    async (value) => {
      const user = await createStaffUser(value);
      recordAudit({
        staffUserId: admin.id,
        entity: "staff_user",
        entityId: user.id,
        action: "create",
        after: { email: user.emailNormalized, role: user.role },
      });
    },
    (_, submission) =>
      Response.json({ intent: "", result: submission.reply({ resetForm: true }) } satisfies IntentReply),
    { hideFields: ["password"] },
  );
}

export default function StaffAccounts() {
  const timeZone = useTimeZone();
  const { users } = useLoaderData<typeof loader>();
  const lastResult = useReplyFor();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { role: "staff" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="staff-title">
      <h1 id="staff-title">Staff accounts</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Created</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.email}</td>
                <td>{u.role}</td>
                <td>{formatInstant(u.createdAt, timeZone)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Add a staff account</h2>
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <TextField label="Email" field={fields.email} type="email" autoComplete="off" />
        <TextField
          label="Password"
          field={fields.password}
          type="password"
          autoComplete="new-password"
          hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        />
        <SelectField
          label="Role"
          field={fields.role}
          options={STAFF_ROLES.map((r) => ({
            value: r,
            label: r === "admin" ? "Admin (can manage staff and settings)" : "Staff",
          }))}
        />
        <div>
          <button type="submit">Add account</button>
        </div>
      </Form>
    </section>
  );
}
