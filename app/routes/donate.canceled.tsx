import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { cleanRefcode } from "~/lib/donation-form";

export const meta: MetaFunction = () => [{ title: "Donation canceled | Champions PAC" }];

export function loader({ request }: LoaderFunctionArgs) {
  return { refcode: cleanRefcode(new URL(request.url).searchParams.get("refcode")) };
}

export default function Canceled() {
  const { refcode } = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="canceled-title" className="stack">
      <h1 id="canceled-title">No payment was made</h1>
      <p>You left the payment page before finishing, so nothing was charged.</p>
      <p>
        <Link to={refcode ? `/donate?${new URLSearchParams({ refcode })}` : "/donate"}>Back to the donate page</Link>
      </p>
    </section>
  );
}
