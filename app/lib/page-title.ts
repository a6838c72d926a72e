/** A page title ending in the PAC's name as set in /admin/settings (the root loader carries it). */
interface RootMatch {
  id: string;
  data?: unknown;
}

export function pacTitle(matches: ReadonlyArray<RootMatch>, title?: string): string {
  const root = matches.find((m) => m.id === "root")?.data as { pac?: { name?: string } } | undefined;
  const name = root?.pac?.name ?? "Champions PAC";
  return title ? `${title} | ${name}` : name;
}
