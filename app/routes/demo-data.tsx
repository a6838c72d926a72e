/** The demo data's sources, and what in it is illustrative; found only while the demo is loaded. */
import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { demoSources, isDemoLoaded } from "~/models/demo-data.server";
import { pacTitle } from "~/lib/page-title";

export const meta: MetaFunction = ({ matches }) => [{ title: pacTitle(matches, "About the demo data") }];

export function loader() {
  if (!isDemoLoaded()) throw new Response("No demo data is loaded.", { status: 404 });
  return { sources: demoSources() };
}

export default function DemoData() {
  const { sources } = useLoaderData<typeof loader>();
  return (
    <article aria-labelledby="demo-title">
      <h1 id="demo-title">About the demo data</h1>
      <p className="lede">
        This site is loaded with a small demo data set that tells Progressive Champions PAC's story as the public record
        has it. The people in it are real, so it shows only their public roles.
      </p>
      <h2>From the record</h2>
      <ul>
        <li>
          The by-district election of February 7, 2017 for three of the five seats on the Las Cruces Public Schools
          Board of Education (no primary): Ray Jaramillo unopposed in District 1; Terrie Dallman won District 2 with 65%
          against Allison Smith, Ronald Fitzherbert and Charles Wendler (who withdrew, his name still on the ballot);
          incumbent Maria Flores won District 3 against MaryLou Barrio (withdrew, still on the ballot), Wanda Bowman and
          Gerald Miller. The winners took office on March 1, 2017.
        </li>
        <li>
          The other two members: Maury Castro (District 4) and Ed Frank (District 5), both elected February 3, 2015.
        </li>
        <li>The PAC endorsed Jaramillo, Dallman and Flores in February 2017, before the election.</li>
        <li>
          On Tuesday, April 18, 2017 the board adopted, in two 5-0 votes, a resolution and a more detailed policy
          protecting immigrant students.
        </li>
      </ul>
      <h2>Left out or illustrative</h2>
      <ul>
        <li>Vote counts per candidate, and every share but Dallman's 65%: left out.</li>
        <li>The exact day of the endorsement in February 2017: illustrative, and marked so beside it.</li>
        <li>The day Castro and Frank took office in 2015: illustrative, and marked so beside it.</li>
        <li>The measures' titles are descriptive; the report does not give the official ones.</li>
        <li>The demo records nothing after 2017, so its terms have no end date.</li>
      </ul>
      <h2>Sources</h2>
      <ul>
        {sources.map((s) => (
          <li key={s.url}>
            <a href={s.url} rel="noopener noreferrer">
              {s.title}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <Link to="/endorsements">Endorsements</Link>
      </p>
    </article>
  );
}
