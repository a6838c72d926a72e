import { formatCents, formatDay } from "~/lib/format";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

/**
 * The best-efforts follow-up (11 CFR 104.7(b)(2); NMSA 1978 § 1-19-31(B)): asks only for what is
 * missing and carries the account profile's statement of the law word for word.
 */
export interface DonationInfoRequestProps {
  donorName: string;
  amountCents: number;
  updateUrl: string;
  /** the account's statement of the law, word for word (absent on rows queued before it) */
  statement?: string;
  /** the PAC-calendar day the gift was received (YYYY-MM-DD) */
  receivedOn?: string;
}

function DonationInfoRequest(p: DonationInfoRequestProps & EmailFrame) {
  const amount = formatCents(p.amountCents);
  return (
    <EmailLayout frame={p} preview="We need your employer and occupation for our report">
      <Title>One more step, {p.donorName}</Title>
      <Paragraph>
        Thank you for your contribution of <strong>{amount}</strong>
        {p.receivedOn ? <> received on {formatDay(p.receivedOn)}</> : null}. We do not yet have your employer and
        occupation.
      </Paragraph>
      {p.statement ? <Paragraph>{p.statement}</Paragraph> : null}
      <Action href={p.updateUrl}>Add your employer and occupation</Action>
    </EmailLayout>
  );
}

export default defineEmail<DonationInfoRequestProps>({
  subject: () => "We need your employer and occupation for our report",
  Component: DonationInfoRequest,
  previewProps: {
    donorName: "Ana Ortega",
    amountCents: 100000,
    updateUrl: "https://example.org/donate/details?token=demo",
    statement:
      "Federal law requires us to use our best efforts to collect and report the name, mailing address, occupation and name of employer of individuals whose contributions exceed $200 in a calendar year.",
    receivedOn: "2026-12-31",
  },
});
