import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { verifyPathSignature } from "~/lib/signed-link.server";
import { billingPortalUrl } from "~/models/recurring-plans.server";
import { idParam } from "~/lib/id-param.server";

export const meta: MetaFunction = () => [{ title: "Manage your monthly gift | Champions PAC" }];

/** The "cancel or change" link in a monthly receipt: signed, so only the donor's link opens the portal. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const planId = idParam(params.planId, "This link is not valid. Please use the link in your receipt.");
  const sig = new URL(request.url).searchParams.get("sig");
  if (!verifyPathSignature("manage-plan", planId, sig)) {
    throw new Response("This link is not valid. Please use the link in your receipt.", { status: 404 });
  }
  const url = await billingPortalUrl(planId);
  if (!url) throw new Response("This monthly gift cannot be managed online yet. Please contact us.", { status: 404 });
  return redirect(url, 303);
}
