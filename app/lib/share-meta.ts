/**
 * Open Graph and Twitter card tags for a public page, so a shared link shows its title, summary and
 * (where the page has one) an image. URLs must be absolute: they are built from the site's public
 * address, which the root loader carries.
 */
interface RootMatch {
  id: string;
  data?: unknown;
}

export interface ShareInfo {
  title: string;
  description: string;
  /** the page's path, e.g. "/candidates/maria-flores" */
  path: string;
  /** a path to a PNG share image on this site */
  image?: string;
  imageAlt?: string;
  type?: "website" | "article" | "profile";
}

export function shareMeta(matches: ReadonlyArray<RootMatch>, info: ShareInfo) {
  const root = matches.find((m) => m.id === "root")?.data as { pac?: { name?: string }; siteUrl?: string } | undefined;
  const site = (root?.siteUrl ?? "").replace(/\/$/, "");
  const absolute = (path: string) => `${site}${path}`;
  const tags: Array<Record<string, string>> = [
    { title: info.title },
    { name: "description", content: info.description },
    { property: "og:type", content: info.type ?? "website" },
    { property: "og:site_name", content: root?.pac?.name ?? "Champions PAC" },
    { property: "og:title", content: info.title },
    { property: "og:description", content: info.description },
    { property: "og:url", content: absolute(info.path) },
    { name: "twitter:card", content: info.image ? "summary_large_image" : "summary" },
    { name: "twitter:title", content: info.title },
    { name: "twitter:description", content: info.description },
  ];
  if (info.image) {
    tags.push(
      { property: "og:image", content: absolute(info.image) },
      { property: "og:image:type", content: "image/png" },
      { property: "og:image:width", content: "1200" },
      { property: "og:image:height", content: "630" },
      { name: "twitter:image", content: absolute(info.image) },
    );
    if (info.imageAlt)
      tags.push(
        { property: "og:image:alt", content: info.imageAlt },
        { name: "twitter:image:alt", content: info.imageAlt },
      );
  }
  return tags;
}
