/** The PAC's preferred vote on a roll call, as staff choose it; shared with the browser. */
export type PreferredChoice = "yes" | "no" | "none";

export const PREFERRED_LABELS: Record<PreferredChoice, string> = { yes: "Yes", no: "No", none: "Not scored" };
