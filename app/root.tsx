import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import tokensHref from "~/styles/tokens.css";
import componentsHref from "~/styles/components.css";
import stylesHref from "~/styles/app.css";
import { getSettings } from "~/models/settings.server";
import { getStaff } from "~/lib/session.server";
import { useNonce } from "~/components/nonce";
import { isDemoLoaded } from "~/models/demo-data.server";
import { publicUrl } from "~/lib/public-url.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokensHref },
  { rel: "stylesheet", href: componentsHref },
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pac.name ?? "Champions PAC" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const settings = getSettings();
  const staff = await getStaff(request);
  return {
    pac: { name: settings.pacName, disclaimer: settings.disclaimer },
    // Every instant on a page is shown in this zone (app/lib/use-time-zone.ts).
    timeZone: settings.timeZone,
    staff: staff ? { id: staff.id, role: staff.role } : null,
    demo: isDemoLoaded(),
    // absolute links in share tags (Open Graph requires them)
    siteUrl: publicUrl("/"),
  };
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const pacName = data?.pac.name ?? "Champions PAC";
  const nonce = useNonce();
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        {data?.demo ? (
          <aside className="demo-banner" aria-label="Demo data">
            <div className="container">
              <strong>Demo data.</strong> The people, races and votes shown come from the public record of the 2017 Las
              Cruces Public Schools board election and the board's April 18, 2017 votes; figures the sources do not give
              are left out or marked illustrative. <Link to="/demo-data">Sources</Link>
              {data.staff?.role === "admin" ? (
                <>
                  {" · "}
                  <Link to="/admin/demo-data">Remove demo data</Link>
                </>
              ) : null}
            </div>
          </aside>
        ) : null}
        <header className="site-header">
          <div className="container header-row">
            <Link to="/" className="brand">
              {pacName}
            </Link>
            <nav aria-label="Main">
              <ul className="nav-list">
                <li>
                  <NavLink to="/endorsements">Endorsements</NavLink>
                </li>
                <li>
                  <NavLink to="/updates">Impact</NavLink>
                </li>
                <li>
                  <NavLink to="/volunteer">Volunteer</NavLink>
                </li>
                <li>
                  <NavLink to="/donate" className="nav-donate">
                    Donate
                  </NavLink>
                </li>
                {data?.staff ? (
                  <li>
                    <NavLink to="/admin">Staff</NavLink>
                  </li>
                ) : null}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            <nav aria-label="Stay in touch">
              <ul className="footer-links">
                <li>
                  <Link to="/subscribe">Get updates by email</Link>
                </li>
                <li>
                  <a href="/updates.rss">RSS feed</a>
                </li>
                <li>
                  <Link to="/refer">Suggest a candidate</Link>
                </li>
                <li>
                  <Link to="/tips">Send us a tip</Link>
                </li>
                <li>
                  <Link to="/login">Staff sign in</Link>
                </li>
              </ul>
            </nav>
            <p className="disclaimer">{data?.pac.disclaimer}</p>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = isRouteErrorResponse(error)
    ? typeof error.data === "string"
      ? error.data
      : error.statusText
    : "Something went wrong on our side. Please try again.";
  return (
    <section aria-labelledby="error-title" data-error-boundary="">
      <h1 id="error-title">{status === 404 ? "Page not found" : status === 403 ? "Not allowed" : "Error"}</h1>
      <p>{status === 404 ? "We could not find that page." : message}</p>
      <p>
        <Link to="/">Back to the home page</Link>
      </p>
    </section>
  );
}
