/**
 * The production HTTP server: serves the Remix build and static files, hands each request's
 * client address to the app, and runs the email sender on a timer in the same process
 * (DESIGN §3). `npm start` reaches it through app/cli/start.ts.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type ServerBuild } from "@remix-run/node";
import { readEnv } from "~/lib/env.server";
import { buildPaths } from "./build-paths";
import { publicPageCache } from "./public-page-cache";

const env = readEnv();
const paths = buildPaths();
const buildPath = path.resolve(paths.server);
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: { module: { startBackgroundJobs?: () => () => void } };
};

const app = express();
app.disable("x-powered-by");
// Only trust X-Forwarded-For when a proxy we control sets it; otherwise anyone could pick their IP.
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
app.use(compression());
app.use("/build", express.static(paths.assets, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(publicPageCache(env.DATABASE_URL.replace(/^file:/, "")));
app.all(
  "*",
  createRequestHandler({
    build,
    mode: env.NODE_ENV,
    getLoadContext: (req, res) => ({
      clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
      responseDrained: () =>
        res.writableNeedDrain && !res.destroyed
          ? new Promise<void>((resolve) => {
              const done = () => {
                res.off("drain", done);
                res.off("close", done);
                resolve();
              };
              res.once("drain", done);
              res.once("close", done);
            })
          : Promise.resolve(),
    }),
  }),
);

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Champions CRM listening on http://localhost:${port}`);
  // `npm run dev` restarts this process on each rebuild and waits for this signal.
  if (env.NODE_ENV === "development") void broadcastDevReady(build);
});

const stopJobs = build.entry.module.startBackgroundJobs?.();

function shutdown() {
  stopJobs?.();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
