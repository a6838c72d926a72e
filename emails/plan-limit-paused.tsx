import { formatCents, formatDay } from "~/lib/format";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Detail, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface PlanLimitPausedProps {
  donorName: string;
  amountCents: number;
  periodLabel: string;
  givenCents: number;
  limitCents: number;
  limitSource: string;
  /** PAC-calendar day collection resumes */
  resumesOn: string;
  adminUrl: string;
}

/** Tells staff a monthly plan was paused because its next charge would pass the donor's limit. */
function PlanLimitPaused(p: PlanLimitPausedProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`Monthly gift paused at the limit: ${p.donorName}`}>
      <Title>A monthly gift was paused at the contribution limit</Title>
      <Paragraph>
        The next charge of {p.donorName}&apos;s {formatCents(p.amountCents)} monthly gift would take their total for the{" "}
        {p.periodLabel} past the limit of {formatCents(p.limitCents)}. Stripe will not collect it; collection resumes on
        its own on {formatDay(p.resumesOn)}.
      </Paragraph>
      <Detail label="Donor">{p.donorName}</Detail>
      <Detail label="Given so far in the period">{formatCents(p.givenCents)}</Detail>
      <Detail label="Limit">
        {formatCents(p.limitCents)} ({p.limitSource})
      </Detail>
      <Paragraph>You may want to tell the donor, or lower the monthly amount with them.</Paragraph>
      <Action href={p.adminUrl}>Open the excessive contributions queue</Action>
    </EmailLayout>
  );
}

export default defineEmail<PlanLimitPausedProps>({
  subject: (p) => `Monthly gift paused at the limit: ${p.donorName}`,
  Component: PlanLimitPaused,
  previewProps: {
    donorName: "Rosa Delgado",
    amountCents: 50_000,
    periodLabel: "calendar year 2026",
    givenCents: 500_000,
    limitCents: 500_000,
    limitSource: "52 U.S.C. 30116(a)(1)(C); 11 CFR 110.1(d)",
    resumesOn: "2027-01-01",
    adminUrl: "https://example.org/admin/donations/excessive",
  },
});
