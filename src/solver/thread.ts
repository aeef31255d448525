/**
 * Runs solver jobs in one worker thread, so a long solve never blocks the HTTP event loop.
 * Jobs wait here in arrival order and go to the worker one at a time, so a job can be
 * cancelled: a waiting one is dropped, the running one is stopped with its worker (HiGHS
 * runs synchronously inside it) and the next job starts on a fresh worker.
 */
import { Worker } from "node:worker_threads";
import { InputError, type InputIssue } from "../domain/errors.ts";
import type { JobName, Jobs } from "./jobs.ts";
import { solverWorkerUrl } from "./worker-url.ts";

type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string; issues?: InputIssue[] };
type Job = { id: number; job: JobName; input: unknown; resolve: (value: unknown) => void; reject: (error: Error) => void };

/** A job was cancelled through its AbortSignal before it finished. */
export class CancelledError extends Error {
  constructor() {
    super("the solve was cancelled");
    this.name = "CancelledError";
  }
}

export type SolverThread = {
  run<K extends JobName>(job: K, input: Jobs[K]["input"], signal?: AbortSignal): Promise<Jobs[K]["output"]>;
  close(): Promise<void>;
};

export function createSolverThread(): SolverThread {
  let worker: Worker | undefined;
  let running: Job | undefined;
  const waiting: Job[] = [];
  let nextId = 1;

  const settle = (job: Job, outcome: { output: unknown } | { error: Error }) => {
    if ("error" in outcome) job.reject(outcome.error);
    else job.resolve(outcome.output);
  };

  const startWorker = () => {
    const w = new Worker(solverWorkerUrl());
    w.on("message", (reply: Reply) => {
      const job = running;
      if (!job || job.id !== reply.id) return;
      running = undefined;
      if (reply.ok) settle(job, { output: reply.output });
      else settle(job, { error: reply.issues ? new InputError(reply.issues) : new Error(reply.message) });
      next();
    });
    const fail = (error: Error) => {
      if (worker !== w) return; // a worker we stopped on purpose
      worker = undefined;
      const job = running;
      running = undefined;
      if (job) settle(job, { error });
      next();
    };
    w.on("error", fail);
    w.on("exit", (code) => fail(new Error(`solver worker stopped (exit code ${code})`)));
    return w;
  };

  const next = () => {
    if (running) return;
    const job = waiting.shift();
    if (!job) {
      worker?.unref();
      return;
    }
    worker ??= startWorker();
    worker.ref(); // keep the process alive while a job runs
    running = job;
    worker.postMessage({ id: job.id, job: job.job, input: job.input });
  };

  const cancel = (job: Job) => {
    const index = waiting.indexOf(job);
    if (index >= 0) waiting.splice(index, 1);
    else if (running === job) {
      running = undefined;
      const w = worker;
      worker = undefined;
      void w?.terminate();
    } else return;
    settle(job, { error: new CancelledError() });
    next();
  };

  return {
    run(name, input, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(new CancelledError());
        const job: Job = { id: nextId++, job: name, input, resolve: resolve as (value: unknown) => void, reject };
        signal?.addEventListener("abort", () => cancel(job), { once: true });
        waiting.push(job);
        next();
      });
    },
    async close() {
      const w = worker;
      worker = undefined;
      for (const job of waiting.splice(0)) settle(job, { error: new CancelledError() });
      if (running) settle(running, { error: new CancelledError() });
      running = undefined;
      if (w) await w.terminate();
    },
  };
}
