// @ts-check
/**
 * The itemized export's reader thread (started by itemized-export.server.ts). It runs the SQL it
 * is given on a read-only connection of its own and posts the rows in batches, so the server keeps
 * answering other requests while SQLite works and the reads overlap with building and sending the
 * CSV.
 *
 * Plain JavaScript on purpose: Node 20 does not apply the TypeScript loader (tsx) to a worker
 * thread's entry file, and this file needs nothing but the driver, so it runs the same under
 * `npm start`, `npm run dev`, Vitest and the benchmark's built server, with no loader start-up per
 * export.
 *
 * Flow control: a shared credit counter bounds how many batches wait in the main thread's queue;
 * the reader blocks when it runs out, so memory stays flat whatever the size of the export.
 */
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

/** @type {{ file: string, credits: SharedArrayBuffer, cachePragma: string, createTempSql: string,
 *   selectSql: string, readSql: string, params: Record<string, string | number>, batchSize: number,
 *   width: number }} */
const job = workerData;
if (!parentPort) throw new Error("itemized-export.worker.mjs runs only as a worker thread");
const port = parentPort;
const credits = new Int32Array(job.credits);
const db = new Database(job.file, { readonly: true, fileMustExist: true });
try {
  db.pragma(job.cachePragma);
  db.exec(job.createTempSql);
  db.prepare(job.selectSql).run(job.params);
  /** @type {unknown[]} */
  let batch = [];
  const send = () => {
    while (Atomics.load(credits, 0) <= 0) Atomics.wait(credits, 0, Atomics.load(credits, 0), 1000);
    Atomics.sub(credits, 0, 1);
    port.postMessage(batch);
    batch = [];
  };
  // Rows laid end to end in one flat array: far cheaper to pass between threads than an array of rows.
  const width = job.width;
  const full = job.batchSize * width;
  for (const row of /** @type {IterableIterator<unknown[]>} */ (db.prepare(job.readSql).raw(true).iterate())) {
    for (let i = 0; i < width; i++) batch.push(row[i]);
    if (batch.length === full) send();
  }
  if (batch.length) send();
  port.postMessage(null);
} finally {
  db.close();
}
