import type { ComponentType } from "react";
import type { TemplateName } from "./template-names";
import type { TemplateProps } from "./props";
import type { EmailFrame } from "./components/layout";

export type EmailComponentProps<T extends TemplateName> = TemplateProps[T] & EmailFrame;

/** One email: its component, its subject line from the props, and demo props for previews. */
export interface EmailDefinition<T extends TemplateName> {
  subject: (props: TemplateProps[T], pacName: string) => string;
  Component: ComponentType<EmailComponentProps<T>>;
  previewProps: TemplateProps[T];
}

export function defineEmail<T extends TemplateName>(definition: EmailDefinition<T>): EmailDefinition<T> {
  return definition;
}
