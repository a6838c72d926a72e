import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface ReferralThankYouProps {
  firstName: string;
  suggestedName: string;
  followUrl: string;
}

function ReferralThankYou(p: ReferralThankYouProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`Thank you for suggesting ${p.suggestedName}`}>
      <Title>Thank you, {p.firstName}</Title>
      <Paragraph>
        We received your suggestion of <strong>{p.suggestedName}</strong>. Our endorsement committee reviews every
        suggestion and may reach out to them.
      </Paragraph>
      <Action href={p.followUrl}>Follow the endorsement process</Action>
    </EmailLayout>
  );
}

export default defineEmail<ReferralThankYouProps>({
  subject: (p) => `Thank you for suggesting ${p.suggestedName}`,
  Component: ReferralThankYou,
  previewProps: { firstName: "Marisol", suggestedName: "Teresa Chavez", followUrl: "https://example.org/endorsements" },
});
