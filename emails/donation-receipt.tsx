import { Link } from "@react-email/components";
import { formatCents } from "~/lib/format";
import { EmailLayout } from "./components/layout";
import { Paragraph, Title } from "./components/parts";
import { defineEmail, type EmailComponentProps } from "./define";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "long", timeZone: "UTC" });

function DonationReceipt(p: EmailComponentProps<"donation-receipt">) {
  const amount = formatCents(p.amountCents, p.currency);
  return (
    <EmailLayout frame={p} preview={`Receipt for your ${amount} contribution`}>
      <Title>Thank you, {p.donorName}</Title>
      <Paragraph>
        We received your {p.recurring ? "monthly " : ""}contribution of <strong>{amount}</strong> on{" "}
        {dateFormat.format(new Date(p.receivedAt))}. Keep this email as your receipt (reference #{p.donationId}).
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

export default defineEmail({
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
