import { formatCents } from "~/lib/format";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface DonationInfoRequestProps {
  donorName: string;
  amountCents: number;
  updateUrl: string;
}

function DonationInfoRequest(p: DonationInfoRequestProps & EmailFrame) {
  const amount = formatCents(p.amountCents);
  return (
    <EmailLayout frame={p} preview="We need a few details about your contribution">
      <Title>One more step, {p.donorName}</Title>
      <Paragraph>
        Thank you for your contribution of <strong>{amount}</strong>. The law asks us to report the name, address,
        employer and occupation of people who give above a certain amount, and some of these are missing.
      </Paragraph>
      <Action href={p.updateUrl}>Add your details</Action>
    </EmailLayout>
  );
}

export default defineEmail<DonationInfoRequestProps>({
  subject: () => "We need a few details about your contribution",
  Component: DonationInfoRequest,
  previewProps: {
    donorName: "Ana Ortega",
    amountCents: 25000,
    updateUrl: "https://example.org/donate/details?token=demo",
  },
});
