import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { ADMIN_SECTIONS } from "~/lib/admin-sections";
import { formatInstant } from "~/lib/format";
import { useTimeZone } from "~/lib/use-time-zone";
import { getSenderHalt } from "~/models/email-sender-halt.server";

// Remix runs child loaders in parallel with this one, so every admin route calls requireStaff
// itself; tests/integration/admin-routes.test.ts proves it for each route in the manifest.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  const halt = getSenderHalt();
  return {
    role: staff.role,
    senderHalt: halt ? { kind: halt.kind, reason: halt.reason, since: halt.since, until: halt.until } : null,
  };
}

/** Shown on every staff page while no email can go out, so that someone fixes the cause. */
function SenderHaltBanner({
  halt,
}: {
  halt: { kind: "account" | "quota"; reason: string; since: string; until: string };
}) {
  const timeZone = useTimeZone();
  return (
    <div className="form-error actions" role="alert">
      <span>
        {halt.kind === "account"
          ? "Email sending is stopped: Resend refused the account or its setup. "
          : "Email sending is paused: the Resend sending quota is used up. "}
        No email is lost: they wait in the outbox. Since {formatInstant(halt.since, timeZone)}; Resend said “
        {halt.reason}”.{" "}
        {halt.kind === "account"
          ? "Fix the API key, the sending domain or the From address, then resume."
          : "Sending resumes by itself when the quota resets."}
      </span>
      <Form method="post" action="/admin/outbox">
        <input type="hidden" name="intent" value="resume-sender" />
        <button type="submit">Try sending now</button>
      </Form>
    </div>
  );
}

export default function AdminLayout() {
  const { role, senderHalt } = useLoaderData<typeof loader>();
  return (
    <div className="admin-shell">
      <nav className="admin-nav" aria-label="Staff">
        <ul>
          {ADMIN_SECTIONS.filter((s) => !s.adminOnly || role === "admin").map((s) => (
            <li key={s.to}>
              <NavLink to={s.to} end={s.to === "/admin"}>
                {s.label}
              </NavLink>
            </li>
          ))}
        </ul>
        <Form method="post" action="/logout">
          <button type="submit" className="secondary">
            Sign out
          </button>
        </Form>
      </nav>
      <div>
        {senderHalt ? <SenderHaltBanner halt={senderHalt} /> : null}
        <Outlet />
      </div>
    </div>
  );
}
