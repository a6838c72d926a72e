/**
 * The production HTTP server: serves the Remix build and static files, hands each request's
 * client address to the app, and runs the email sender on a timer in the same process
 * (DESIGN §3). `npm start` reaches it through app/cli/start.ts.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import express from "express";
import compression from "compression";
import { broadcastDevReady, createRequestHandler as createRemixHandler, type ServerBuild } from "@remix-run/node";
import { readEnv } from "~/lib/env.server";
import { guardRequest } from "~/lib/request-guard.server";
import { createNonce, securityHeaders } from "~/lib/security-headers.server";
import { logError, logRequest, requestIdFor } from "~/lib/request-log.server";
import { buildPaths } from "./build-paths";
import { publicPageCache } from "./public-page-cache";
import { sendFetchResponse, toFetchRequest } from "./remix-adapter";

const env = readEnv();
const paths = buildPaths();
const buildPath = path.resolve(paths.server);
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild & {
  entry: { module: { startBackgroundJobs?: () => () => void; checkStorage: () => void; closeDatabase: () => void } };
};

const production = env.NODE_ENV === "production";
const trustProxy = process.env.TRUST_PROXY === "1";
const handleRemix = createRemixHandler(build, env.NODE_ENV);

try {
  build.entry.module.checkStorage();
} catch (error) {
  console.error(`Refusing to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

const app = express();
app.disable("x-powered-by");
// Only trust X-Forwarded-For when a proxy we control sets it; otherwise anyone could pick their IP.
app.set("trust proxy", trustProxy ? 1 : false);

// Every response, static files and refusals included, gets a request id and the security headers,
// and one structured log line when it finishes.
app.use((req, res, next) => {
  const started = performance.now();
  const requestId = requestIdFor(req.get("x-request-id"), trustProxy);
  const nonce = createNonce();
  res.locals.requestId = requestId;
  res.locals.cspNonce = nonce;
  res.setHeader("X-Request-Id", requestId);
  for (const [name, value] of Object.entries(
    securityHeaders(nonce, { production, development: env.NODE_ENV === "development" }),
  )) {
    res.setHeader(name, value);
  }
  res.on("finish", () => {
    const path = req.originalUrl.split("?")[0];
    // Hashed build assets and public files served fine are noise; everything else is logged.
    if (res.statusCode < 400 && (path.startsWith("/build/") || path === "/favicon.svg")) return;
    logRequest({
      requestId,
      method: req.method,
      path,
      status: res.statusCode,
      durationMs: performance.now() - started,
      ip: req.ip ?? "unknown",
    });
  });
  next();
});
app.use(compression());
app.use("/build", express.static(paths.assets, { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));
app.use(publicPageCache(env.DATABASE_URL.replace(/^file:/, "")));
app.all("*", (req, res, next) => void handleRequest(req, res, next));
async function handleRequest(req: express.Request, res: express.Response, next: express.NextFunction) {
  try {
    const clientIp = req.ip ?? req.socket.remoteAddress ?? "unknown";
    // The origin check, the pre-parse rate limit and the body's shape, before any route runs.
    const guarded = await guardRequest(toFetchRequest(req, res), { clientIp, publicOrigin: env.PUBLIC_URL });
    const response =
      guarded instanceof Response
        ? guarded
        : await handleRemix(guarded, {
            clientIp,
            cspNonce: res.locals.cspNonce as string,
            requestId: res.locals.requestId as string,
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
          });
    await sendFetchResponse(res, response);
  } catch (error) {
    next(error);
  }
}
// Anything that escaped Remix: logged with its stack, answered with the request id only.
app.use((error: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
  logError(error, { requestId: res.locals.requestId as string, method: req.method, path: req.path });
  if (res.headersSent) return res.destroy();
  res
    .status(500)
    .type("text/plain")
    .send(`Something went wrong on our side (request ${res.locals.requestId as string}).`);
});

const port = Number(process.env.PORT ?? 3000);
const server = app.listen(port, () => {
  console.log(`Champions CRM listening on http://localhost:${port}`);
  // `npm run dev` restarts this process on each rebuild and waits for this signal.
  if (env.NODE_ENV === "development") void broadcastDevReady(build);
});

const stopJobs = build.entry.module.startBackgroundJobs?.();

function shutdown() {
  stopJobs?.();
  server.close(() => {
    // Closing checkpoints the WAL, so the .db file alone holds every commit after a clean stop.
    build.entry.module.closeDatabase();
    process.exit(0);
  });
  setTimeout(() => {
    build.entry.module.closeDatabase();
    process.exit(0);
  }, 5000).unref();
}
process.on("SIGTERM", shutdown);
process.on("SIGINT", shutdown);
