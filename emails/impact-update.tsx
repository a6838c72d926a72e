import { Markdown } from "@react-email/components";
import { EmailLayout } from "./components/layout";
import { Action, Paragraph, Title } from "./components/parts";
import { defineEmail, type EmailComponentProps } from "./define";

function ImpactUpdate(p: EmailComponentProps<"impact-update">) {
  return (
    <EmailLayout frame={p} preview={p.summary}>
      <Title>{p.title}</Title>
      <Paragraph>{p.summary}</Paragraph>
      <Markdown markdownCustomStyles={{ p: { fontSize: "16px", lineHeight: "24px" } }}>{p.bodyMarkdown}</Markdown>
      <Action href={p.url}>Read it on our site</Action>
    </EmailLayout>
  );
}

export default defineEmail({
  subject: (p) => p.title,
  Component: ImpactUpdate,
  previewProps: {
    title: "Our endorsed board members kept their word",
    summary: "Two 5-0 votes made Las Cruces schools safer for immigrant students.",
    bodyMarkdown:
      "In February we endorsed **Ray Jaramillo**, **Terrie Dallman** and **Maria Flores**. All three now serve on the board.\n\n- A resolution welcoming immigrant students passed 5-0.\n- A policy followed: staff do not ask about immigration status.",
    url: "https://example.org/updates/kept-their-word",
  },
});
