import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useSearchParams } from "@remix-run/react";
import { getFormProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { z } from "zod";
import { TextField, FormErrors } from "~/components/field";
import { getStaff, safeRedirect, startSession } from "~/lib/session.server";
import { clientIp } from "~/lib/client-ip.server";
import { checkLoginAllowed, loginDelayMs, recordLoginFailure, recordLoginSuccess } from "~/lib/login-throttle.server";
import { verifyStaffLogin } from "~/models/staff-users.server";
import { VALIDATE_ON_BLUR } from "~/lib/form-validation";
import { handleIntent } from "~/lib/intent-action.server";
import { RuleViolation } from "~/models/rule-violation.server";
import { useReplyFor } from "~/components/intent-form";

export const meta: MetaFunction = () => [{ title: "Staff sign in | Champions PAC" }];

const schema = z.object({
  email: z
    .string({ required_error: "Enter your email address." })
    .trim()
    .email("Enter a valid email address.")
    .max(254),
  password: z.string({ required_error: "Enter your password." }).max(1024),
  // Any value is accepted here; safeRedirect falls back to /admin for anything unsafe or too long.
  redirectTo: z.string().optional(),
});

const INVALID = "That email and password do not match a staff account.";

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getStaff(request)) return redirect("/admin");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const ip = clientIp(context);
  return handleIntent(
    await request.formData(),
    schema,
    async ({ email, password, redirectTo }) => {
      // Decided before anything is written, so a bad target can never leave a session half-made.
      const target = safeRedirect(redirectTo);
      if (!checkLoginAllowed(ip)) {
        throw new RuleViolation(
          "Too many sign-in attempts from your connection. Wait 15 minutes and try again.",
          undefined,
          429,
        );
      }
      // Failed attempts on this account slow every later one down; the owner still gets in.
      const delay = loginDelayMs(email);
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      const user = await verifyStaffLogin(email, password);
      if (!user) {
        recordLoginFailure(ip, email);
        // One message above the form, never on a field, so it does not tell which of the two was wrong.
        throw new RuleViolation(INVALID);
      }
      recordLoginSuccess(email);
      return startSession(user, { ip, userAgent: request.headers.get("user-agent") }, target);
    },
    (signedIn) => signedIn,
    { hideFields: ["password"] },
  );
}

export default function Login() {
  const lastResult = useReplyFor();
  const [searchParams] = useSearchParams();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(schema),
    ...VALIDATE_ON_BLUR,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  });
  return (
    <section aria-labelledby="login-title" className="stack">
      <h1 id="login-title">Staff sign in</h1>
      {searchParams.get("reset") === "done" && (
        <p className="notice" role="status">
          Your password was changed and every earlier sign-in ended. Sign in with the new password.
        </p>
      )}
      <Form method="post" {...getFormProps(form)} className="stack">
        <FormErrors errors={form.errors} id={form.errorId} />
        <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? "/admin"} />
        <TextField label="Email" field={fields.email} type="email" autoComplete="username" />
        <TextField label="Password" field={fields.password} type="password" autoComplete="current-password" />
        <div>
          <button type="submit">Sign in</button>
        </div>
      </Form>
      <p>
        <Link to="/forgot-password">Forgot your password?</Link>
      </p>
    </section>
  );
}
