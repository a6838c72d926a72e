import type { ComponentType } from "react";
import type { EmailFrame } from "./components/layout";

/**
 * One email, defined once in its own file: the props it takes, its component, its subject line
 * and realistic props for the staff preview and the tests. emails/index.ts registers it by name.
 */
export interface EmailDefinition<P> {
  subject: (props: P, pacName: string) => string;
  Component: ComponentType<P & EmailFrame>;
  previewProps: P;
  /** Sent to a mailing list, so it carries the unsubscribe and preferences links. */
  listMail?: boolean;
}

export function defineEmail<P>(definition: EmailDefinition<P>): EmailDefinition<P> {
  return definition;
}

/** The props an email definition takes. */
export type PropsOf<D> = D extends EmailDefinition<infer P> ? P : never;
