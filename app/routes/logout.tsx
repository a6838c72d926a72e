import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { endSession } from "~/lib/session.server";

// Logging out changes state, so it is a POST; a GET (a stray link or prefetch) just goes home.
export function loader() {
  return redirect("/");
}

export function action({ request }: ActionFunctionArgs) {
  return endSession(request);
}
