/** Worker-thread entry: runs solver jobs posted by the SolverPool and posts the results back. */
import { parentPort } from "node:worker_threads";
import { InputError } from "../domain/errors.ts";
import { type JobName, jobs } from "./jobs.ts";
import { InvalidJsonError } from "./json-body.ts";

type Request = { id: number; job: JobName; input: never };

parentPort?.on("message", async ({ id, job, input }: Request) => {
  try {
    parentPort?.postMessage({ id, ok: true, output: await jobs[job](input) });
  } catch (error) {
    const issues = error instanceof InputError ? error.issues : undefined;
    const invalidJson = error instanceof InvalidJsonError || undefined;
    parentPort?.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error), issues, invalidJson });
  }
});
