import { EmailLayout, type EmailFrame } from "./components/layout";
import { Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface VolunteerWelcomeProps {
  firstName: string;
}

function VolunteerWelcome(p: VolunteerWelcomeProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`Welcome to the ${p.brand.pacName} volunteer team`}>
      <Title>Welcome aboard, {p.firstName}!</Title>
      <Paragraph>
        Thank you for offering your time to {p.brand.pacName}. Someone from our team will reach out within a few days to
        find the right way for you to help.
      </Paragraph>
      <Paragraph>Until then, reply to this email if you have a question.</Paragraph>
    </EmailLayout>
  );
}

export default defineEmail<VolunteerWelcomeProps>({
  subject: (_p, pacName) => `Welcome to the ${pacName} volunteer team`,
  Component: VolunteerWelcome,
  previewProps: { firstName: "Luis" },
});
