/**
 * zod schemas for every external input, shared by the API, the CLI and the files in data/,
 * one module per subject under src/schemas/. Each schema's output type is checked against the
 * domain type it feeds (`satisfies`), so the edge and the core cannot drift apart.
 *
 * This file gathers them for the API and the tests. A CLI command that must start fast imports
 * its own module instead (`peakcrew erlang` builds only the Erlang schemas: issue 14).
 */
export * from "./schemas/auth.ts";
export * from "./schemas/design.ts";
export * from "./schemas/erlang.ts";
export { coded, codedPattern, parse, toIssues } from "./schemas/fields.ts";
export * from "./schemas/files.ts";
export * from "./schemas/plan.ts";
