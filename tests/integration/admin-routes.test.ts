/**
 * Every route under /admin, read from the Remix route manifest, must refuse an anonymous visitor
 * (loader and action both), and routes marked `handle.adminOnly` must refuse a `staff` user.
 * A new admin route is covered the moment its file exists.
 */
import { concretePath, manifestRoutes } from "../support/route-manifest";
import { createStaffUser } from "~/models/staff-users.server";
import { createSession } from "~/models/sessions.server";
import { serializeSessionCookie } from "~/lib/session.server";

interface RouteModule {
  loader?: (args: unknown) => unknown;
  action?: (args: unknown) => unknown;
  handle?: { adminOnly?: boolean };
}

const adminRoutes = (await manifestRoutes())
  .filter((r) => r.path === "/admin" || r.path.startsWith("/admin/"))
  .sort((a, b) => a.path.localeCompare(b.path));

const concrete = concretePath;

async function load(modulePath: string): Promise<RouteModule> {
  return import(/* @vite-ignore */ modulePath);
}

async function outcome(fn: () => unknown): Promise<Response | "returned"> {
  try {
    const value = await fn();
    return value instanceof Response ? value : "returned";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

function args(method: "GET" | "POST", routePath: string, cookie?: string) {
  const url = `http://localhost${concrete(routePath)}`;
  const headers = new Headers(cookie ? { Cookie: cookie } : {});
  const init: RequestInit = { method, headers };
  if (method === "POST") init.body = new URLSearchParams({ intent: "probe" });
  return {
    request: new Request(url, init),
    params: new Proxy({}, { get: () => "1" }),
    context: { clientIp: "127.0.0.1" },
  };
}

describe("admin route guard", () => {
  it("finds the admin routes in the manifest", () => {
    const paths = adminRoutes.map((r) => r.path);
    expect(paths).toContain("/admin");
    expect(paths).toContain("/admin/staff");
  });

  it.each(adminRoutes)("$path redirects an anonymous visitor to the login", async (route) => {
    const mod = await load(route.modulePath);
    expect(mod.loader || mod.action, `${route.file} has neither loader nor action`).toBeTruthy();
    for (const [method, fn] of [
      ["GET", mod.loader],
      ["POST", mod.action],
    ] as const) {
      if (!fn) continue;
      const res = await outcome(() => fn(args(method, route.path)));
      expect(res, `${method} ${route.path} let an anonymous visitor through`).toBeInstanceOf(Response);
      const response = res as Response;
      expect(response.status, `${method} ${route.path}`).toBe(302);
      expect(response.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it.each(adminRoutes)("$path refuses a staff user when it is admin-only", async (route) => {
    const mod = await load(route.modulePath);
    const user = await createStaffUser({
      email: "staffer@example.org",
      password: "correct horse battery",
      role: "staff",
    });
    const cookie = (await serializeSessionCookie(createSession(user.id).id)).split(";")[0];
    for (const [method, fn] of [
      ["GET", mod.loader],
      ["POST", mod.action],
    ] as const) {
      if (!fn) continue;
      const res = await outcome(() => fn(args(method, route.path, cookie)));
      if (mod.handle?.adminOnly) {
        expect(res, `${method} ${route.path} let a staff user through`).toBeInstanceOf(Response);
        expect((res as Response).status).toBe(403);
      } else if (res instanceof Response) {
        expect(
          res.headers.get("Location") ?? "",
          `${method} ${route.path} sent a signed-in user to the login`,
        ).not.toMatch(/^\/login/);
      }
    }
  });
});
