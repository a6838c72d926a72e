/**
 * Runs the itemized query on the export worker (itemized-export.worker.mjs) and yields its rows in
 * batches: flat arrays of ROW_WIDTH values per row. Credits in shared memory bound how many batches
 * wait in the queue, so memory stays flat; stopping early (an abandoned download) ends the worker
 * and its connection.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { databaseFile } from "#db/client";
import { packageRoot } from "~/lib/package-root.server";
import {
  CACHE_PRAGMA,
  CREATE_TEMP_SQL,
  READ_ITEMIZED_SQL,
  ROW_WIDTH,
  itemizedQuery,
  type ReportScope,
} from "./itemized-query.server";

export const BATCH_ROWS = 2000;
const BATCHES_IN_FLIGHT = 2;

export function exportWorkerFile(): string {
  return path.join(packageRoot(), "app/models/itemized-export.worker.mjs");
}

export async function* itemizedBatchesFromWorker(scope: ReportScope, file = databaseFile()): AsyncGenerator<unknown[]> {
  const query = itemizedQuery(scope);
  const credits = new Int32Array(new SharedArrayBuffer(4));
  credits[0] = BATCHES_IN_FLIGHT;
  const worker = new Worker(exportWorkerFile(), {
    // The worker is plain JavaScript: it needs no loader, whatever the parent runs under.
    execArgv: [],
    workerData: {
      file,
      credits: credits.buffer,
      cachePragma: CACHE_PRAGMA,
      createTempSql: CREATE_TEMP_SQL,
      selectSql: query.selectSql,
      readSql: READ_ITEMIZED_SQL,
      params: query.params,
      batchSize: BATCH_ROWS,
      width: ROW_WIDTH,
    },
  });
  const queue: Array<unknown[] | null | Error> = [];
  let wake: (() => void) | null = null;
  const push = (item: unknown[] | null | Error) => {
    queue.push(item);
    wake?.();
    wake = null;
  };
  worker.on("message", (batch: unknown[] | null) => push(batch));
  worker.on("error", (error) => push(error));
  worker.on("exit", (code) => push(code === 0 ? null : new Error(`export worker stopped with code ${code}`)));
  try {
    for (;;) {
      if (!queue.length) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item === null) return;
      if (item instanceof Error) throw item;
      Atomics.add(credits, 0, 1);
      Atomics.notify(credits, 0);
      yield item;
    }
  } finally {
    // Also reached when the download is abandoned: the worker and its connection go away.
    void worker.terminate();
  }
}
