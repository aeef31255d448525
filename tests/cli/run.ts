/** Runs the CLI in-process, as bin/peakcrew.js would, capturing its output and exit code. */
import { main } from "../../src/cli/main.ts";

export async function runCli(argv: string[], stdin?: string) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), stdin: stdin === undefined ? undefined : async () => stdin });
  return { code, stdout, stderr };
}
