import { Link } from "@react-email/components";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Detail, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface ReferralStaffNoticeProps {
  referrerName: string;
  referrerEmail: string;
  suggestedName: string;
  office: string;
  reason: string;
  adminUrl: string;
}

function ReferralStaffNotice(p: ReferralStaffNoticeProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`New candidate suggestion: ${p.suggestedName}`}>
      <Title>New candidate suggestion</Title>
      <Detail label="Suggested">{p.suggestedName}</Detail>
      <Detail label="Office">{p.office}</Detail>
      <Detail label="Why">{p.reason}</Detail>
      <Detail label="Suggested by">
        {p.referrerName} (<Link href={`mailto:${p.referrerEmail}`}>{p.referrerEmail}</Link>)
      </Detail>
      <Action href={p.adminUrl}>Open in the CRM</Action>
    </EmailLayout>
  );
}

export default defineEmail<ReferralStaffNoticeProps>({
  subject: (p) => `New candidate suggestion: ${p.suggestedName}`,
  Component: ReferralStaffNotice,
  previewProps: {
    referrerName: "Marisol Vega",
    referrerEmail: "marisol@example.org",
    suggestedName: "Teresa Chavez",
    office: "LCPS Board of Education, District 3",
    reason: "She has organised parents at Lynn Middle School for years.",
    adminUrl: "https://example.org/admin/referrals/1",
  },
});
