/** Where the production build lives; mirrors remix.config.js (BUILD_DIR, default "build"). */
export function buildPaths() {
  const dir = process.env.BUILD_DIR || "build";
  return {
    server: `${dir}/index.js`,
    assets: dir === "build" ? "public/build" : `${dir}/assets`,
  };
}
