import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { parseDesignInstance } from "../../src/schemas.ts";
import { approxBytes, CancelledError, createSolverPool, type PoolOptions, QueueFullError, ShuttingDownError, SolveOverrunError, type SolverPool, SolveTooLargeError } from "../../src/solver/pool.ts";

const instance = (size: string) => parseDesignInstance(JSON.parse(readFileSync(new URL(`../fixtures/bench/d11-${size}.json`, import.meta.url), "utf8")));
let pool: SolverPool | undefined;
const poolWith = (options: PoolOptions) => {
  pool = createSolverPool(options);
  return pool;
};
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("createSolverPool", () => {
  it("cancelling the running job stops it and the next job still runs", async () => {
    const solver = poolWith({ workers: 1 });
    const controller = new AbortController();
    const xl = solver.run("design", { instance: instance("XL"), timeLimitSec: 60 }, controller.signal);
    const s = solver.run("design", { instance: instance("S"), timeLimitSec: 60 });
    setTimeout(() => controller.abort(), 100);
    await expect(xl).rejects.toBeInstanceOf(CancelledError);
    expect((await s).paidHours).toBe(402);
  });

  it("cancelling a waiting job drops it without touching the running one", async () => {
    const solver = poolWith({ workers: 1 });
    const controller = new AbortController();
    const first = solver.run("design", { instance: instance("M"), timeLimitSec: 60 });
    const second = solver.run("design", { instance: instance("S"), timeLimitSec: 60 }, controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect((await first).paidHours).toBe(3234);
  });
});

describe("the bounded queue", () => {
  it("refuses a job beyond maxWaiting with QueueFullError (its Retry-After), and takes jobs again once one leaves", async () => {
    const solver = poolWith({ workers: 1, maxWaiting: 2, retryAfterSec: 7 });
    const controller = new AbortController();
    const jobs = [solver.run("design", { instance: instance("XL"), timeLimitSec: 60 }, controller.signal)];
    for (let i = 0; i < 2; i++) jobs.push(solver.run("design", { instance: instance("S"), timeLimitSec: 60 }, controller.signal));
    expect(solver.isFull?.()).toBe(true);
    const refused = solver.run("design", { instance: instance("S"), timeLimitSec: 60 });
    await expect(refused).rejects.toBeInstanceOf(QueueFullError);
    await expect(refused).rejects.toMatchObject({ retryAfterSec: 7 });
    controller.abort();
    for (const job of jobs) await expect(job).rejects.toBeInstanceOf(CancelledError);
    expect(solver.isFull?.()).toBe(false);
    expect((await solver.run("design", { instance: instance("S"), timeLimitSec: 60 })).paidHours).toBe(402);
  });

  it("refuses a job whose input would take the waiting jobs past maxQueuedBytes, though maxWaiting is not reached", async () => {
    const small = { instance: instance("S"), timeLimitSec: 60 };
    const solver = poolWith({ workers: 1, maxWaiting: 8, maxQueuedBytes: Math.round(approxBytes(small) * 1.5) });
    const controller = new AbortController();
    const running = solver.run("design", { instance: instance("XL"), timeLimitSec: 60 }, controller.signal);
    const waiting = solver.run("design", small, controller.signal);
    await expect(solver.run("design", small)).rejects.toBeInstanceOf(QueueFullError);
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
  });

  it("counts a job's input as its JSON text in UTF-16, field by field; a frozen field (the store's cached plan) is measured once", () => {
    const plan = Object.freeze({ name: "双11", arrivals: Object.freeze([1, 2, 3]) });
    const job = { plan, staffCsv: "工号,姓名", timeLimitSec: 30 };
    const expected = 2 * JSON.stringify(plan).length + 2 * "工号,姓名".length + 16;
    expect(approxBytes(job)).toBe(expected);
    // Measured once: a frozen value cannot change, so its remembered size is reused (here: a spy on JSON.stringify).
    const stringify = vi.spyOn(JSON, "stringify");
    expect(approxBytes({ ...job, staffCsv: "" })).toBe(expected - 2 * "工号,姓名".length);
    expect(stringify).not.toHaveBeenCalled();
    stringify.mockRestore();
    // An unfrozen nested value is measured whole each time.
    expect(approxBytes({ rows: [{ a: 1 }] })).toBe(2 * JSON.stringify([{ a: 1 }]).length);
    // A request body's bytes count as their length, inside the job's wrapper too (not as JSON's {"type":"Buffer","data":[…]}).
    expect(approxBytes({ plan, staffCsv: { json: Buffer.alloc(1_000_000) } })).toBe(2 * JSON.stringify(plan).length + 1_000_000);
  });

  it("runs jobs on as many workers as it has: a small job finishes while a large one still runs on the other worker", async () => {
    const solver = poolWith({ workers: 2, maxWaiting: 0 });
    const controller = new AbortController();
    let xlDone = false;
    const xl = solver.run("design", { instance: instance("XL"), timeLimitSec: 60 }, controller.signal).finally(() => {
      xlDone = true;
    });
    // maxWaiting 0: the second job is refused unless a second worker takes it at once.
    expect((await solver.run("design", { instance: instance("S"), timeLimitSec: 60 })).paidHours).toBe(402);
    expect(xlDone).toBe(false);
    controller.abort();
    await expect(xl).rejects.toBeInstanceOf(CancelledError);
  });
});

describe("a job past its budget", () => {
  // Measured: the S design solves within a 16 MB heap, the XL design needs more than 32 MB.
  it("past the worker's heap budget ends with SolveTooLargeError, and the next job runs on a new worker", async () => {
    const solver = poolWith({ workers: 1, memoryMb: 24 });
    await expect(solver.run("design", { instance: instance("XL"), timeLimitSec: 60 })).rejects.toBeInstanceOf(SolveTooLargeError);
    expect((await solver.run("design", { instance: instance("S"), timeLimitSec: 60 })).paidHours).toBe(402);
  });

  it("past its time limit and the grace ends with SolveOverrunError, and the next job runs on a new worker", async () => {
    // A 1 ms limit and no grace: the watchdog fires before the worker has even loaded HiGHS.
    const solver = poolWith({ workers: 1, graceSec: 0 });
    await expect(solver.run("design", { instance: instance("S"), timeLimitSec: 0.001 })).rejects.toBeInstanceOf(SolveOverrunError);
    expect((await solver.run("design", { instance: instance("S"), timeLimitSec: 60 })).paidHours).toBe(402);
  });

  it("close() refuses new jobs and ends waiting ones with ShuttingDownError", async () => {
    const solver = poolWith({ workers: 1 });
    const running = solver.run("design", { instance: instance("XL"), timeLimitSec: 60 });
    const waiting = solver.run("design", { instance: instance("S"), timeLimitSec: 60 });
    await solver.close(0);
    await expect(running).rejects.toBeInstanceOf(ShuttingDownError);
    await expect(waiting).rejects.toBeInstanceOf(ShuttingDownError);
    await expect(solver.run("design", { instance: instance("S"), timeLimitSec: 60 })).rejects.toBeInstanceOf(ShuttingDownError);
  });
});
