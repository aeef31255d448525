// Worker-thread bootstrap: the worker runs TypeScript source, so it registers tsx (as
// bin/peakcrew.js does for the main thread) before loading the real entry.
import { register } from "tsx/esm/api";

register();
await import("./solver-worker.ts");
