import { EmailLayout } from "./components/layout";
import { Paragraph, Title } from "./components/parts";
import { defineEmail, type EmailComponentProps } from "./define";

function VolunteerWelcome(p: EmailComponentProps<"volunteer-welcome">) {
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

export default defineEmail({
  subject: (_p, pacName) => `Welcome to the ${pacName} volunteer team`,
  Component: VolunteerWelcome,
  previewProps: { firstName: "Luis" },
});
