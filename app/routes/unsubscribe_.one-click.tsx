import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyEmailToken } from "~/lib/email-tokens.server";
import { unsubscribe } from "~/models/subscriptions.server";

/**
 * RFC 8058 one-click unsubscribe: the target of the List-Unsubscribe header, which mail clients
 * POST to with `List-Unsubscribe=One-Click` and no cookies. It must work without any further
 * step and answer without a redirect.
 */
export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
  const data = verifyEmailToken("unsubscribe", new URL(request.url).searchParams.get("token"));
  if (!data || data.lists.length === 0) return new Response("Invalid unsubscribe link", { status: 400 });
  unsubscribe(data.contactId, data.lists);
  return new Response("You are unsubscribed.", {
    status: 200,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** Someone who opens the link in a browser gets the page with a button. */
export function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return redirect(`/unsubscribe?${new URLSearchParams({ token })}`);
}
