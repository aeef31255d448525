import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { parseDesignInstance } from "../../src/schemas.ts";
import { CancelledError, createSolverThread } from "../../src/solver/thread.ts";

const instance = (size: string) => parseDesignInstance(JSON.parse(readFileSync(new URL(`../fixtures/bench/d11-${size}.json`, import.meta.url), "utf8")));
const solver = createSolverThread();
afterEach(() => solver.close());

describe("createSolverThread", () => {
  it("cancelling the running job stops it and the next job still runs", async () => {
    const controller = new AbortController();
    const xl = solver.run("design", { instance: instance("XL"), timeLimitSec: 60 }, controller.signal);
    const s = solver.run("design", { instance: instance("S"), timeLimitSec: 60 });
    setTimeout(() => controller.abort(), 100);
    await expect(xl).rejects.toBeInstanceOf(CancelledError);
    expect((await s).paidHours).toBe(402);
  });

  it("cancelling a waiting job drops it without touching the running one", async () => {
    const controller = new AbortController();
    const first = solver.run("design", { instance: instance("M"), timeLimitSec: 60 });
    const second = solver.run("design", { instance: instance("S"), timeLimitSec: 60 }, controller.signal);
    controller.abort();
    await expect(second).rejects.toBeInstanceOf(CancelledError);
    expect((await first).paidHours).toBe(3234);
  });
});
