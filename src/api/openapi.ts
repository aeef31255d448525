/**
 * The API described as OpenAPI 3.1, served at GET /api/openapi.json. Each route's parameters
 * and JSON body come from the zod schemas the route parses with, as zod's JSON Schema (draft
 * 2020-12, the dialect OpenAPI 3.1 uses; `io: "input"`, so a field with a default is
 * optional); file uploads are described by their content types; every error answer is the one
 * `Error` body (errors.ts). The routes are listed in openapi-routes.ts, keyed as Express
 * registers them; tests/api/openapi.test.ts validates the document against the official
 * schema and checks that it names exactly the routes the app serves.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { PACKAGE_ROOT } from "../paths.ts";
import { SESSION_COOKIE } from "./auth.ts";
import { ErrorBodySchema } from "./errors.ts";
import { NAMED_SCHEMAS, namedExamples, type Route, ROUTES, TAGS } from "./openapi-routes.ts";

type JsonSchema = Record<string, unknown>;

/** The shared error answers: component name and description, by status. */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Bad input: `invalid-input` with one issue per bad field or file line, or `invalid-json`." },
  401: { name: "Unauthorized", description: "Not signed in (`unauthorized`) on a server with accounts: POST /api/login first." },
  403: { name: "Forbidden", description: "The signed-in role may not do this (`forbidden`; docs/security.md), or a write sent by another site's page (`cross-site-request`)." },
  404: { name: "NotFound", description: "No such resource (`not-found`); the message names it." },
  413: { name: "PayloadTooLarge", description: "The body is larger than the server takes (`payload-too-large`)." },
  415: {
    name: "UnsupportedMediaType",
    description: "The body is neither JSON nor one of the file types listed (`unsupported-media-type`), or JSON in a charset other than UTF-8 (`unsupported-charset`).",
  },
  421: { name: "MisdirectedRequest", description: "The Host header does not name this server (`host-not-allowed`; `--allowed-host` adds a name)." },
  503: { name: "Unavailable", description: "A shared server without a manager account (`access-not-configured`)." },
};

type Document = Record<string, unknown>;
let cached: Document | undefined;

/** The document, built on first use and kept (it depends only on the code and the sample plan). */
export function openapiDocument(): Document {
  cached ??= build();
  return cached;
}

function build(): Document {
  const paths: Record<string, Record<string, object>> = {};
  for (const [key, route] of Object.entries(ROUTES)) {
    const { method, path } = splitKey(key);
    paths[path] ??= {};
    paths[path][method] = operation(method, route);
  }
  const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };
  return {
    openapi: "3.1.1",
    info: {
      title: "PeakCrew",
      version,
      summary: "Staffing and shift planning for e-commerce customer service at Double-11 peaks.",
      description:
        'JSON under /api. Errors are `{"error": {code, message, issues}}` (the `Error` schema). ' +
        "On a server with accounts every route but login, logout, health and this document needs the session cookie, " +
        "and the role decides the rest (docs/security.md); a loopback server without accounts is open.",
    },
    servers: [{ url: "/" }],
    tags: TAGS,
    security: [{ session: [] }, {}],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBodySchema), ...Object.fromEntries(Object.entries(NAMED_SCHEMAS).map(([name, schema]) => [name, jsonSchema(schema)])) },
      responses: Object.fromEntries(Object.values(ERRORS).map(({ name, description }) => [name, errorResponse(description)])),
      examples: namedExamples(),
      securitySchemes: { session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "Set by POST /api/login." } },
    },
  };
}

/** "GET /plans/:id/roster.:format" → get, "/api/plans/{id}/roster.{format}". */
export function splitKey(key: string): { method: string; path: string } {
  const [method = "", path = ""] = key.split(" ");
  return { method: method.toLowerCase(), path: `/api${path.replace(/:(\w+)/g, "{$1}")}` };
}

function operation(method: string, route: Route): object {
  const parameters = [...parametersOf("path", route.params), ...parametersOf("query", route.query)];
  const content: Record<string, object> = {};
  if (route.json) content["application/json"] = { schema: schemaOrRef(route.json), ...(route.examples ? { examples: route.examples } : {}) };
  for (const type of route.files ?? []) content[type] = {};
  const hasInput = parameters.length > 0 || Object.keys(content).length > 0;
  const hasBody = Object.keys(content).length > 0;
  const shared = [
    ...(hasInput ? [400] : []),
    ...(route.public ? [] : [401]),
    ...(route.public && method === "get" ? [] : [403]),
    ...(route.params ? [404] : []),
    ...(hasBody ? [413, 415] : []),
    421,
    ...(route.public ? [] : [503]),
  ];
  const responses: Record<string, object> = {};
  for (const [status, answer] of Object.entries(route.ok)) {
    const types = typeof answer === "string" ? ["application/json"] : answer.types;
    const description = typeof answer === "string" ? answer : answer.description;
    responses[status] = status === "204" ? { description } : { description, content: Object.fromEntries(types.map((t) => [t, {}])) };
  }
  for (const status of shared) responses[status] = { $ref: `#/components/responses/${ERRORS[status]?.name}` };
  for (const [status, description] of Object.entries(route.errors ?? {})) responses[status] = errorResponse(description);
  return {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(hasBody ? { requestBody: { required: true, content } } : {}),
    responses,
    ...(route.public ? { security: [] } : {}),
  };
}

/** One parameter per property of a zod object; a path parameter is always required. */
function parametersOf(where: "path" | "query", schema: z.ZodObject | undefined): object[] {
  if (!schema) return [];
  const { properties = {}, required = [] } = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: where, required: where === "path" || required.includes(name), ...(description ? { description } : {}), schema: rest };
  });
}

/** A reference to the schema's entry under components/schemas, or the schema itself. */
function schemaOrRef(schema: z.ZodType): JsonSchema {
  const name = Object.entries(NAMED_SCHEMAS).find(([, named]) => named === schema)?.[0];
  return name ? { $ref: `#/components/schemas/${name}` } : jsonSchema(schema);
}

/** A zod schema as JSON Schema 2020-12, as a client sends it (defaults optional), without `$schema`. */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  return rest;
}

function errorResponse(description: string): object {
  return { description, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } };
}
