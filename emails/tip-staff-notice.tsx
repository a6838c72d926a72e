import { Link } from "@react-email/components";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Detail, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface TipStaffNoticeProps {
  name: string;
  email: string;
  area: string;
  text: string;
  adminUrl: string;
}

function TipStaffNotice(p: TipStaffNoticeProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`New tip from ${p.area}`}>
      <Title>New tip: something happening in {p.area}</Title>
      <Detail label="From">
        {p.name} (<Link href={`mailto:${p.email}`}>{p.email}</Link>)
      </Detail>
      <Detail label="Area">{p.area}</Detail>
      <Paragraph>{p.text}</Paragraph>
      <Action href={p.adminUrl}>Open in the CRM</Action>
    </EmailLayout>
  );
}

export default defineEmail<TipStaffNoticeProps>({
  subject: (p) => `New tip from ${p.area}`,
  Component: TipStaffNotice,
  previewProps: {
    name: "Rosa Delgado",
    email: "rosa@example.org",
    area: "Sunland Park",
    text: "The city council will discuss a new policing contract at its meeting next Tuesday.",
    adminUrl: "https://example.org/admin/tips/1",
  },
});
