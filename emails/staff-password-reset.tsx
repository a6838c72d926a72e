import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface StaffPasswordResetProps {
  resetUrl: string;
  expiresInMinutes: number;
}

function StaffPasswordReset(p: StaffPasswordResetProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview="Reset your staff password">
      <Title>Reset your password</Title>
      <Paragraph>
        Someone asked to reset the password of your {p.brand.pacName} staff account. The link works once and expires in{" "}
        {p.expiresInMinutes} minutes.
      </Paragraph>
      <Action href={p.resetUrl}>Choose a new password</Action>
      <Paragraph>If you did not ask for this, ignore this email: your password stays as it is.</Paragraph>
    </EmailLayout>
  );
}

export default defineEmail<StaffPasswordResetProps>({
  subject: () => "Reset your staff password",
  Component: StaffPasswordReset,
  previewProps: { resetUrl: "https://example.org/reset-password?token=demo", expiresInMinutes: 30 },
});
