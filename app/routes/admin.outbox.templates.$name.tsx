import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { EmailPreview } from "~/components/email-preview";
import { isTemplate, previewTemplate } from "~/models/outbox-admin.server";
import outboxStyles from "~/styles/outbox.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: outboxStyles }];

export const meta: MetaFunction = () => [{ title: "Email preview | Staff" }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireStaff(request);
  const name = params.name ?? "";
  if (!isTemplate(name)) throw new Response("No such template", { status: 404 });
  return previewTemplate(name);
}

export default function TemplatePreview() {
  const preview = useLoaderData<typeof loader>();
  return (
    <section aria-labelledby="preview-title" className="stack-wide">
      <p>
        <Link to="/admin/outbox/templates">← Templates</Link>
      </p>
      <h1 id="preview-title">Preview: {preview.name}</h1>
      <p className="hint">Demo content; real emails carry the details of their own event.</p>
      <EmailPreview
        subject={preview.subject}
        from={preview.from}
        to="recipient@example.org"
        html={preview.html}
        text={preview.text}
      />
    </section>
  );
}
