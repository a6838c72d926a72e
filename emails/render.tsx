/**
 * Renders one email to what the provider takes: subject, HTML and a plain-text version.
 */
import { createElement, type ComponentType } from "react";
import { render } from "@react-email/render";
import { EMAILS, type TemplateName, type TemplateProps } from "./index";
import type { EmailFrame } from "./components/layout";

export { isTemplateName } from "./index";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export async function renderEmail<T extends TemplateName>(
  template: T,
  props: TemplateProps[T],
  frame: EmailFrame,
): Promise<RenderedEmail> {
  const definition = EMAILS[template];
  if (!definition) throw new Error(`Unknown email template "${template}"`);
  const Component = definition.Component as unknown as ComponentType<Record<string, unknown>>;
  const element = createElement(Component, { ...props, ...frame });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  const subject = (definition.subject as (p: TemplateProps[T], pacName: string) => string)(props, frame.brand.pacName);
  return { subject, html, text };
}
