import { EmailLayout } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail, type EmailComponentProps } from "./define";

function ReferralThankYou(p: EmailComponentProps<"referral-thank-you">) {
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

export default defineEmail({
  subject: (p) => `Thank you for suggesting ${p.suggestedName}`,
  Component: ReferralThankYou,
  previewProps: { firstName: "Marisol", suggestedName: "Teresa Chavez", followUrl: "https://example.org/endorsements" },
});
