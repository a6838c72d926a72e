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

const BASE = "http://same-origin.invalid";
// Browsers drop tabs and newlines from URLs and read "\" as "/", so "/\t/evil.example" or
// "/\\evil.example" would leave the site; no legitimate path of ours contains any of them.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0020\u007F\\]/;

/**
 * Only same-origin paths: an open redirect after login would be a phishing aid. The target is
 * parsed as a URL the way a browser would, and only a path on this site comes back (normalised);
 * anything else, including characters that cannot go in a Location header, gives the fallback.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/admin") {
  if (!to || typeof to !== "string" || to.length > 2000) return fallback;
  if (!to.startsWith("/") || UNSAFE.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
