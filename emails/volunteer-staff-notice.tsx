import { Link } from "@react-email/components";
import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Detail, Title } from "./components/parts";
import { defineEmail } from "./define";

export interface VolunteerStaffNoticeProps {
  volunteerName: string;
  email: string;
  phone: string | null;
  area: string;
  interests: string[];
  availability: string;
  adminUrl: string;
}

function VolunteerStaffNotice(p: VolunteerStaffNoticeProps & EmailFrame) {
  return (
    <EmailLayout frame={p} preview={`New volunteer: ${p.volunteerName}`}>
      <Title>New volunteer sign-up</Title>
      <Detail label="Name">{p.volunteerName}</Detail>
      <Detail label="Email">
        <Link href={`mailto:${p.email}`}>{p.email}</Link>
      </Detail>
      {p.phone ? <Detail label="Phone">{p.phone}</Detail> : null}
      <Detail label="Area">{p.area}</Detail>
      <Detail label="Interests">{p.interests.length ? p.interests.join(", ") : "none given"}</Detail>
      <Detail label="Availability">{p.availability}</Detail>
      <Action href={p.adminUrl}>Open in the CRM</Action>
    </EmailLayout>
  );
}

export default defineEmail<VolunteerStaffNoticeProps>({
  subject: (p) => `New volunteer: ${p.volunteerName}`,
  Component: VolunteerStaffNotice,
  previewProps: {
    volunteerName: "Luis Baca",
    email: "luis@example.org",
    phone: "575-555-0142",
    area: "Mesilla Valley",
    interests: ["canvassing", "phone banks"],
    availability: "Weekday evenings",
    adminUrl: "https://example.org/admin/volunteers/1",
  },
});
