/** Process entry of the CLI: real stdout/stderr, exit code on the process. */
import { main } from "./main.ts";

// `peakcrew … | head` closes the pipe early; that is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

const code = await main(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
// `serve` keeps the process alive through its server; every other command ends here.
if (process.argv[2] !== "serve" || code !== 0) process.exitCode = code;
