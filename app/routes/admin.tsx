import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { ADMIN_SECTIONS } from "~/lib/admin-sections";

// Remix runs child loaders in parallel with this one, so every admin route calls requireStaff
// itself; tests/integration/admin-routes.test.ts proves it for each route in the manifest.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requireStaff(request);
  return { role: staff.role };
}

export default function AdminLayout() {
  const { role } = useLoaderData<typeof loader>();
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
        <Outlet />
      </div>
    </div>
  );
}
