/**
 * The measure record card for email: the same facts as the site's card (app/components/record-card.tsx)
 * in table-and-inline-style markup that mail clients render: body and kind, title, date, the PAC's
 * preferred vote, result and tally, the roll call with the PAC's endorsed members marked, and the
 * source. Colours are the site's design tokens.
 */
import { Column, Link, Row, Section, Text } from "@react-email/components";

/** One roll call of a measure an impact update cites, as the email's record card shows it. */
export interface EmailMeasureRecord {
  title: string;
  bodyName: string;
  kind: string;
  /** the vote's date, already written out in the PAC's time zone */
  date: string;
  preferredVote: "yes" | "no" | null;
  result: "passed" | "failed";
  tally: { yes: number; no: number; abstain: number; absent: number };
  tallyText: string;
  roll: Array<{ name: string; option: "yes" | "no" | "abstain" | "absent"; endorsed: boolean }>;
  sourceUrl: string | null;
  /** the measure's page on the site */
  url: string;
}

const BRAND = "#6b2fa3";
const MUTED = "#57526a";
const LINE = "#dcd7e4";
const GOOD = "#1f6f43";
const BAD = "#a1262b";
const OPTION = { yes: "Yes", no: "No", abstain: "Abstained", absent: "Absent" } as const;

export function MeasureRecordCard({ record }: { record: EmailMeasureRecord }) {
  const total = record.tally.yes + record.tally.no + record.tally.abstain + record.tally.absent;
  return (
    <Section style={{ border: `1px solid ${LINE}`, borderRadius: "12px", padding: "16px 20px", margin: "16px 0" }}>
      <Text
        style={{
          fontSize: "12px",
          fontWeight: 700,
          letterSpacing: "1px",
          textTransform: "uppercase",
          color: BRAND,
          margin: "0 0 4px",
        }}
      >
        {record.bodyName}, {record.kind}
      </Text>
      <Text style={{ fontSize: "18px", lineHeight: "24px", fontWeight: 700, margin: "0 0 8px" }}>
        <Link href={record.url} style={{ color: BRAND }}>
          {record.title}
        </Link>
      </Text>
      <Text style={{ fontSize: "15px", lineHeight: "22px", margin: "0 0 8px" }}>
        Voted {record.date} · PAC's preferred vote:{" "}
        <strong>{record.preferredVote ? OPTION[record.preferredVote] : "Not scored"}</strong> ·{" "}
        <strong style={{ color: record.result === "passed" ? GOOD : BAD }}>
          {record.result === "passed" ? "Passed" : "Failed"}
        </strong>{" "}
        <strong>{record.tallyText}</strong>
      </Text>
      {total > 0 ? (
        <Row style={{ height: "10px", margin: "0 0 10px" }}>
          {(["yes", "no", "abstain", "absent"] as const).map((k) =>
            record.tally[k] ? (
              <Column
                key={k}
                style={{
                  width: `${(record.tally[k] * 100) / total}%`,
                  height: "10px",
                  backgroundColor: k === "yes" ? GOOD : k === "no" ? BAD : "#8c869a",
                }}
              />
            ) : null,
          )}
        </Row>
      ) : null}
      {record.roll.map((r) => (
        <Text
          key={r.name}
          style={{ fontSize: "14px", lineHeight: "20px", margin: "0", borderBottom: `1px dashed ${LINE}` }}
        >
          {r.name}
          {r.endorsed ? <span style={{ color: BRAND, fontWeight: 700 }}> (endorsed by the PAC)</span> : null}:{" "}
          <strong>{OPTION[r.option]}</strong>
        </Text>
      ))}
      {record.sourceUrl ? (
        <Text style={{ fontSize: "14px", margin: "8px 0 0", color: MUTED }}>
          <Link href={record.sourceUrl} style={{ color: BRAND }}>
            Source document
          </Link>
        </Text>
      ) : null}
    </Section>
  );
}
