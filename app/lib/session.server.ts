import { createCookie, redirect } from "@remix-run/node";
import { env } from "./env.server";
import { appSecret } from "./signing.server";
import { createSession, deleteSession, findSessionUser, SESSION_TTL_MS } from "~/models/sessions.server";
import type { StaffRole, StaffUser } from "~/models/staff-users.server";


let cookie: ReturnType<typeof createCookie> | null = null;
function sessionCookie() {
  cookie ??= createCookie("__session", {
    httpOnly: true,
    sameSite: "lax",
    secure: env().NODE_ENV === "production",
    path: "/",
    secrets: [appSecret()],
    maxAge: SESSION_TTL_MS / 1000,
  });
  return cookie;
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value = await sessionCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" ? value : null;
}

export async function getStaff(request: Request): Promise<StaffUser | null> {
  const id = await sessionIdFrom(request);
  if (!id) return null;
  return findSessionUser(id)?.user ?? null;
}

function loginRedirect(request: Request) {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(`/login?${new URLSearchParams({ redirectTo })}`);
}

/** Every admin loader and action starts here. */
export async function requireStaff(request: Request, role?: StaffRole): Promise<StaffUser> {
  const user = await getStaff(request);
  if (!user) throw loginRedirect(request);
  if (role === "admin" && user.role !== "admin") {
    throw new Response("Only an admin can open this page.", { status: 403 });
  }
  return user;
}

export function requireAdmin(request: Request) {
  return requireStaff(request, "admin");
}

export async function startSession(
  user: StaffUser,
  meta: { ip: string; userAgent: string | null },
  redirectTo: string,
) {
  const session = createSession(user.id, meta);
  return redirect(redirectTo, {
    headers: { "Set-Cookie": await sessionCookie().serialize(session.id) },
  });
}

export async function endSession(request: Request) {
  const id = await sessionIdFrom(request);
  if (id) deleteSession(id);
  return redirect("/", {
    headers: { "Set-Cookie": await sessionCookie().serialize("", { maxAge: 0 }) },
  });
}

/** For the Playwright login fixture and tools: the Set-Cookie value for a session id. */
export function serializeSessionCookie(sessionId: string) {
  return sessionCookie().serialize(sessionId);
}

/** Only same-site paths: an open redirect after login would be a phishing aid. */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin") {
  if (!to || typeof to !== "string") return fallback;
  if (!to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
