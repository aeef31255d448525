/**
 * Runs solver jobs on a pool of worker threads (one job per worker at a time), so a long
 * solve never blocks the HTTP event loop. Jobs wait here in arrival order, and the wait is
 * bounded: beyond `maxWaiting` jobs or `maxQueuedBytes` of waiting input a new job is refused
 * (QueueFullError, the API's 503). A job can be cancelled: a waiting one is dropped, a running
 * one is stopped with its worker (HiGHS runs synchronously inside it) and the worker is
 * replaced on the next job. A worker past its heap budget (`memoryMb`) or its job's time limit
 * (plus a grace) is stopped the same way and its job ends with SolveTooLargeError or
 * SolveOverrunError.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { InputError, type InputIssue } from "../domain/errors.ts";
import type { JobName, Jobs } from "./jobs.ts";
import { InvalidJsonError } from "./json-body.ts";
import { solverWorkerUrl } from "./worker-url.ts";

type Reply = { id: number; ok: true; output: unknown } | { id: number; ok: false; message: string; issues?: InputIssue[]; invalidJson?: true };
type Job = { id: number; job: JobName; input: unknown; bytes: number; settle: (outcome: { output: unknown } | { error: Error }) => void };
type Slot = { worker?: Worker; job?: Job; watchdog?: NodeJS.Timeout };

/** A job was cancelled through its AbortSignal before it finished. */
export class CancelledError extends Error {
  constructor() {
    super("the solve was cancelled");
    this.name = "CancelledError";
  }
}

/** The queue is full: the job was refused without running. */
export class QueueFullError extends Error {
  constructor(readonly retryAfterSec: number) {
    super("the solver is busy: too many solves are waiting; try again shortly");
    this.name = "QueueFullError";
  }
}

/** The job's worker ran out of its heap budget; the worker was replaced. */
export class SolveTooLargeError extends Error {
  constructor(readonly memoryMb: number) {
    super(`the solve needed more than its memory budget (${memoryMb} MB): make the problem smaller (fewer people, days or intervals)`);
    this.name = "SolveTooLargeError";
  }
}

/** The job ran well past its time limit (the solver did not stop by itself) and was stopped. */
export class SolveOverrunError extends Error {
  constructor(readonly timeLimitSec: number) {
    super(`the solve did not stop within its time limit (${timeLimitSec} s) and was stopped: make the problem smaller`);
    this.name = "SolveOverrunError";
  }
}

/** The server is shutting down: waiting jobs are refused and running ones stopped past the drain time. */
export class ShuttingDownError extends Error {
  constructor() {
    super("the server is shutting down; try again once it is back");
    this.name = "ShuttingDownError";
  }
}

export type PoolOptions = {
  /** Worker threads, one job each; default: the cores (os.availableParallelism()). */
  workers?: number;
  /** Jobs that may wait for a worker; default 8. */
  maxWaiting?: number;
  /** Bytes of input the waiting jobs may hold together (estimated); default 64 MiB. */
  maxQueuedBytes?: number;
  /** Each worker's V8 old-generation heap budget, MB; default 512. */
  memoryMb?: number;
  /** How long past a job's timeLimitSec it may run before its worker is stopped, s; default 15. */
  graceSec?: number;
  /** What a refusal tells the client to wait, s; default 5. */
  retryAfterSec?: number;
};

export type SolverPool = {
  run<K extends JobName>(job: K, input: Jobs[K]["input"], signal?: AbortSignal): Promise<Jobs[K]["output"]>;
  /** True when a job sent now would be refused; lets the edge refuse before reading a request body. */
  isFull?(): boolean;
  /** Jobs it holds at most: running and waiting. */
  capacity?: number;
  /** What a refusal tells the client to wait, s. */
  retryAfterSec?: number;
  /** Refuses new jobs, drops the waiting ones, lets running ones finish for up to drainMs, then stops them. */
  close(drainMs?: number): Promise<void>;
};

export const POOL_DEFAULTS = { maxWaiting: 8, maxQueuedBytes: 64 * 1024 * 1024, memoryMb: 512, graceSec: 15, retryAfterSec: 5 } as const;

export function createSolverPool(options: PoolOptions = {}): SolverPool {
  const o = { ...POOL_DEFAULTS, workers: availableParallelism(), ...options };
  const slots: Slot[] = Array.from({ length: Math.max(1, o.workers) }, () => ({}));
  const waiting: Job[] = [];
  let waitingBytes = 0;
  let nextId = 1;
  let closed = false;
  let onIdle: (() => void) | undefined;

  const start = (slot: Slot): Worker => {
    const w = new Worker(solverWorkerUrl(), { resourceLimits: { maxOldGenerationSizeMb: o.memoryMb } });
    let failure: Error | undefined;
    w.on("message", (reply: Reply) => {
      if (slot.worker !== w || slot.job?.id !== reply.id) return;
      if (reply.ok) finish(slot, { output: reply.output });
      else finish(slot, { error: reply.issues ? new InputError(reply.issues) : reply.invalidJson ? new InvalidJsonError() : new Error(reply.message) });
    });
    w.on("error", (error: Error & { code?: string }) => {
      failure = error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new SolveTooLargeError(o.memoryMb) : error;
    });
    w.on("exit", (code) => {
      if (slot.worker !== w) return; // a worker stopped on purpose
      slot.worker = undefined;
      if (slot.job) finish(slot, { error: failure ?? new Error(`solver worker stopped (exit code ${code})`) });
    });
    return w;
  };

  /** Ends the slot's job with `outcome`; a failed worker is already gone, a stopped one is terminated. */
  const finish = (slot: Slot, outcome: { output: unknown } | { error: Error }, stopWorker = false) => {
    const job = slot.job;
    clearTimeout(slot.watchdog);
    slot.job = undefined;
    if (stopWorker) {
      void slot.worker?.terminate();
      slot.worker = undefined;
    }
    job?.settle(outcome);
    dispatch();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.job) continue;
      const job = waiting.shift();
      if (!job) {
        slot.worker?.unref(); // an idle worker does not keep the process alive
        continue;
      }
      waitingBytes -= job.bytes;
      slot.worker ??= start(slot);
      slot.worker.ref();
      slot.job = job;
      const limitSec = (job.input as { timeLimitSec?: number }).timeLimitSec;
      if (typeof limitSec === "number") {
        slot.watchdog = setTimeout(() => finish(slot, { error: new SolveOverrunError(limitSec) }, true), (limitSec + o.graceSec) * 1000);
      }
      slot.worker.postMessage({ id: job.id, job: job.job, input: job.input });
    }
    if (onIdle && slots.every((s) => !s.job)) onIdle();
  };

  const freeSlot = () => slots.some((s) => !s.job);

  const cancel = (job: Job) => {
    const index = waiting.indexOf(job);
    if (index >= 0) {
      waiting.splice(index, 1);
      waitingBytes -= job.bytes;
      job.settle({ error: new CancelledError() });
      return;
    }
    const slot = slots.find((s) => s.job === job);
    if (slot) finish(slot, { error: new CancelledError() }, true);
  };

  return {
    run(name, input, signal) {
      return new Promise((resolve, reject) => {
        if (closed) return reject(new ShuttingDownError());
        if (signal?.aborted) return reject(new CancelledError());
        const bytes = freeSlot() ? 0 : approxBytes(input);
        if (bytes > 0 && (waiting.length >= o.maxWaiting || waitingBytes + bytes > o.maxQueuedBytes)) {
          return reject(new QueueFullError(o.retryAfterSec));
        }
        let settled = false;
        const job: Job = {
          id: nextId++,
          job: name,
          input,
          bytes,
          settle: (outcome) => {
            if (settled) return;
            settled = true;
            if ("error" in outcome) reject(outcome.error);
            else resolve(outcome.output as Jobs[typeof name]["output"]);
          },
        };
        signal?.addEventListener("abort", () => cancel(job), { once: true });
        waiting.push(job);
        waitingBytes += bytes;
        dispatch();
      });
    },
    isFull: () => !freeSlot() && waiting.length >= o.maxWaiting,
    capacity: slots.length + o.maxWaiting,
    retryAfterSec: o.retryAfterSec,
    async close(drainMs = 0) {
      closed = true;
      for (const job of waiting.splice(0)) job.settle({ error: new ShuttingDownError() });
      waitingBytes = 0;
      if (slots.some((s) => s.job) && drainMs > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, drainMs);
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      onIdle = undefined;
      for (const slot of slots) {
        if (slot.job) finish(slot, { error: new ShuttingDownError() }, true);
        const w = slot.worker;
        slot.worker = undefined;
        await w?.terminate();
      }
    },
  };
}

/** Sizes of frozen values (a cached plan and its staffing), which cannot change once measured. */
const frozenSizes = new WeakMap<object, number>();

/**
 * A rough size of a job's input in memory (its JSON text as UTF-16): what a waiting job holds,
 * counted against maxQueuedBytes. JSON.stringify is native and fast, much faster than walking
 * the value in JavaScript, but a 7-day plan's staffing still takes milliseconds; the job's own
 * fields are measured one by one, so a frozen one (the store's cached plan) is measured once,
 * and bytes (a request body) count as their length.
 */
export function approxBytes(value: unknown, depth = 0): number {
  if (typeof value === "string") return 2 * value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength; // a request body's bytes
  if (value === null || typeof value !== "object") return 16;
  const known = frozenSizes.get(value);
  if (known !== undefined) return known;
  // A job and its small wrappers (`{json: bytes}`) are walked; anything deeper is one JSON.stringify.
  if (depth < 2 && !Array.isArray(value) && !Object.isFrozen(value)) return Object.values(value).reduce((sum: number, field) => sum + approxBytes(field, depth + 1), 0);
  const bytes = 2 * (JSON.stringify(value)?.length ?? 0);
  if (Object.isFrozen(value)) frozenSizes.set(value, bytes);
  return bytes;
}
