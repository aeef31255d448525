/**
 * Runs solver jobs in one worker thread, so a long solve never blocks the HTTP event loop.
 * Jobs queue in the worker in arrival order. The worker starts on first use.
 */
import { Worker } from "node:worker_threads";
import { InputError, type InputIssue } from "../domain/errors.ts";
import type { JobName, Jobs } from "./jobs.ts";

type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string; issues?: InputIssue[] };
type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export type SolverThread = {
  run<K extends JobName>(job: K, input: Jobs[K]["input"]): Promise<Jobs[K]["output"]>;
  close(): Promise<void>;
};

export function createSolverThread(): SolverThread {
  let worker: Worker | undefined;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  const failAll = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker = undefined;
  };

  const start = () => {
    const w = new Worker(new URL("./solver-worker.mjs", import.meta.url));
    w.on("message", (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.ok) p.resolve(reply.output);
      else p.reject(reply.issues ? new InputError(reply.issues) : new Error(reply.message));
    });
    w.on("error", (error) => failAll(error));
    w.on("exit", (code) => failAll(new Error(`solver worker stopped (exit code ${code})`)));
    return w;
  };

  return {
    run(job, input) {
      worker ??= start();
      const id = nextId++;
      const w = worker;
      w.ref(); // keep the process alive while a job is pending
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        w.postMessage({ id, job, input });
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}
