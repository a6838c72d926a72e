import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireStaff } from "~/lib/session.server";
import { contactFiltersFrom } from "~/lib/contact-filters";
import { searchContacts } from "~/models/contact-search.server";
import { listAllTags } from "~/models/contact-tags.server";

export const meta: MetaFunction = () => [{ title: "Contacts | Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireStaff(request);
  const filters = contactFiltersFrom(new URL(request.url));
  return { filters, result: searchContacts(filters, filters.page ?? 1), tags: listAllTags() };
}

export default function Contacts() {
  const { filters, result, tags } = useLoaderData<typeof loader>();
  const base = new URLSearchParams();
  if (filters.q) base.set("q", filters.q);
  if (filters.tag) base.set("tag", filters.tag);
  const pageLink = (page: number) => {
    const p = new URLSearchParams(base);
    p.set("page", String(page));
    return `/admin/contacts?${p}`;
  };
  return (
    <section aria-labelledby="contacts-title" className="stack">
      <h1 id="contacts-title">Contacts</h1>
      <p className="actions">
        <Link className="button button-secondary" to="/admin/contacts/import">
          Import CSV
        </Link>
        <a className="button button-secondary" href={`/admin/contacts/export${base.size ? `?${base}` : ""}`} download>
          Export these contacts (CSV)
        </a>
      </p>
      <Form method="get" className="filters" role="search" aria-label="Search contacts">
        <div className="field">
          <label htmlFor="c-q">Name, email, phone or tag</label>
          <input id="c-q" name="q" type="search" defaultValue={filters.q ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="c-tag">Tag</label>
          <select id="c-tag" name="tag" defaultValue={filters.tag ?? ""}>
            <option value="">Any</option>
            {tags.map((t) => (
              <option key={t.id} value={t.name}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit">Search</button>
        </div>
      </Form>
      {result.rows.length === 0 ? (
        <p>No contacts match.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Phone</th>
                <th scope="col">City / ZIP</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/admin/contacts/${c.id}`}>
                      {[c.firstName, c.lastName].filter(Boolean).join(" ") || `#${c.id}`}
                    </Link>
                  </td>
                  <td>{c.email}</td>
                  <td>{c.phone}</td>
                  <td>{[c.city, c.zip].filter(Boolean).join(" ")}</td>
                  <td>{c.tags}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pagination" aria-label="Pages">
        {result.page > 1 ? <Link to={pageLink(result.page - 1)}>← Previous</Link> : null}
        <span>Page {result.page}</span>
        {result.hasMore ? <Link to={pageLink(result.page + 1)}>Next →</Link> : null}
      </nav>
    </section>
  );
}
