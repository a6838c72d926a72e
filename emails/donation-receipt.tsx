import { Link } from "@react-email/components";
import { formatCents, formatInstantDate } from "~/lib/format";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface DonationReceiptProps {
  donorName: string;
  amountCents: number;
  currency: string;
  receivedAt: string;
  recurring: boolean;
  /** Where a monthly donor cancels; null for one-time gifts. */
  manageUrl: string | null;
  donationId: number;
}

function DonationReceipt(p: DonationReceiptProps & EmailFrame) {
  const amount = formatCents(p.amountCents, p.currency);
  return (
    <EmailLayout frame={p} preview={`Receipt for your ${amount} contribution`}>
      <Title>Thank you, {p.donorName}</Title>
      <Paragraph>
        We received your {p.recurring ? "monthly " : ""}contribution of <strong>{amount}</strong> on{" "}
        {formatInstantDate(p.receivedAt, p.timeZone)}. Keep this email as your receipt (reference #{p.donationId}).
      </Paragraph>
      <Paragraph>Contributions to {p.brand.pacName} are not tax deductible for federal income tax purposes.</Paragraph>
      {p.recurring && p.manageUrl ? (
        <Paragraph>
          You can change or cancel your monthly gift at any time: <Link href={p.manageUrl}>manage your donation</Link>.
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}

export default defineEmail<DonationReceiptProps>({
  subject: (p) => `Your receipt: ${formatCents(p.amountCents, p.currency)} contribution`,
  Component: DonationReceipt,
  previewProps: {
    donorName: "Ana Ortega",
    amountCents: 5000,
    currency: "usd",
    receivedAt: "2026-02-03T17:30:00.000Z",
    recurring: true,
    manageUrl: "https://example.org/donate/manage?token=demo",
    donationId: 1042,
  },
});
