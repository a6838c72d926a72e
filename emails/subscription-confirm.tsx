import { EmailLayout, type EmailFrame } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail } from "./define";

const LIST_LABELS: Record<string, string> = {
  updates: "impact updates",
  fundraising: "fundraising appeals",
  volunteer: "volunteer opportunities",
};

export interface SubscriptionConfirmProps {
  firstName: string;
  lists: string[];
  confirmUrl: string;
}

function SubscriptionConfirm(p: SubscriptionConfirmProps & EmailFrame) {
  const lists = p.lists.map((l) => LIST_LABELS[l] ?? l).join(", ");
  return (
    <EmailLayout frame={p} preview="Confirm your subscription">
      <Title>Please confirm, {p.firstName}</Title>
      <Paragraph>
        You asked to receive {lists} from {p.brand.pacName}. Confirm that this is your address and we will start sending
        them.
      </Paragraph>
      <Action href={p.confirmUrl}>Confirm my subscription</Action>
      <Paragraph>If you did not ask for this, ignore this email and you will hear nothing more from us.</Paragraph>
    </EmailLayout>
  );
}

export default defineEmail<SubscriptionConfirmProps>({
  subject: (_p, pacName) => `Confirm your subscription to ${pacName}`,
  Component: SubscriptionConfirm,
  previewProps: {
    firstName: "Ana",
    lists: ["updates", "volunteer"],
    confirmUrl: "https://example.org/subscribe/confirm?token=demo",
  },
});
