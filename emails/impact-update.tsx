import { Markdown } from "@react-email/components";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { MeasureRecordCard, type EmailMeasureRecord } from "./components/record-card";
import { defineEmail } from "./define";

/** records: the measures the update cites, as record cards (absent on rows queued before cards existed) */
export interface ImpactUpdateProps {
  title: string;
  summary: string;
  bodyMarkdown: string;
  url: string;
  records?: EmailMeasureRecord[];
}

function ImpactUpdate(p: ImpactUpdateProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={p.summary}>
      <Title>{p.title}</Title>
      <Paragraph>{p.summary}</Paragraph>
      <Markdown markdownCustomStyles={{ p: { fontSize: "16px", lineHeight: "24px" } }}>{p.bodyMarkdown}</Markdown>
      {p.records?.length ? (
        <>
          <Title>The record behind this update</Title>
          {p.records.map((r) => (
            <MeasureRecordCard key={`${r.url}-${r.date}`} record={r} />
          ))}
        </>
      ) : null}
      <Action href={p.url}>Read it on our site</Action>
    </EmailLayout>
  );
}

export default defineEmail<ImpactUpdateProps>({
  listMail: true,
  subject: (p) => p.title,
  Component: ImpactUpdate,
  previewProps: {
    title: "Our endorsed board members kept their word",
    summary: "Two 5-0 votes made Las Cruces schools safer for immigrant students.",
    bodyMarkdown:
      "In February we endorsed **Ray Jaramillo**, **Terrie Dallman** and **Maria Flores**. All three now serve on the board.\n\n- A resolution welcoming immigrant students passed 5-0.\n- A policy followed: staff do not ask about immigration status.",
    url: "https://example.org/updates/kept-their-word",
    records: [
      {
        title: "Resolution on an immigrant-friendly stance for LCPS schools",
        bodyName: "Las Cruces Public Schools Board of Education",
        kind: "resolution",
        date: "April 18, 2017",
        preferredVote: "yes",
        result: "passed",
        tally: { yes: 5, no: 0, abstain: 0, absent: 0 },
        tallyText: "5-0",
        roll: [
          { name: "Ray Jaramillo", option: "yes", endorsed: true },
          { name: "Terrie Dallman", option: "yes", endorsed: true },
          { name: "Maria Flores", option: "yes", endorsed: true },
          { name: "Maury Castro", option: "yes", endorsed: false },
          { name: "Ed Frank", option: "yes", endorsed: false },
        ],
        sourceUrl: null,
        url: "https://example.org/measures/1",
      },
    ],
  },
});
