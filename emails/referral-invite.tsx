import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface ReferralInviteProps {
  suggestedName: string;
  referrerName: string | null;
  office: string;
  optInUrl: string;
  optOutUrl?: string;
}

function ReferralInvite(p: ReferralInviteProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`You were suggested as a candidate for ${p.office}`}>
      <Title>Hello {p.suggestedName},</Title>
      <Paragraph>
        {p.referrerName ? `${p.referrerName} suggested` : "Someone in your community suggested"} you as a candidate for{" "}
        <strong>{p.office}</strong>. {p.brand.pacName} supports candidates who stand up for every student and family.
      </Paragraph>
      <Paragraph>If you would like to hear from us, let us know. We will not contact you again otherwise.</Paragraph>
      <Action href={p.optInUrl}>Yes, tell me more</Action>
      {p.optOutUrl ? (
        <Paragraph>
          Not interested? We will not write to this address again, whoever suggests you:{" "}
          <a href={p.optOutUrl}>Never email me again</a>
        </Paragraph>
      ) : null}
    </EmailLayout>
  );
}

export default defineEmail<ReferralInviteProps>({
  subject: (p) => `You were suggested as a candidate for ${p.office}`,
  Component: ReferralInvite,
  previewProps: {
    suggestedName: "Teresa Chavez",
    referrerName: "Marisol Vega",
    office: "LCPS Board of Education, District 3",
    optInUrl: "https://example.org/refer/opt-in?token=demo",
    optOutUrl: "https://example.org/refer/opt-in?token=demo&choice=no",
  },
});
