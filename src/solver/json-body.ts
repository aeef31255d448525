/**
 * A solve request's JSON body, sent to the worker as bytes and parsed there (jobs.ts), so that
 * a burst of large bodies costs the workers and not the HTTP thread.
 */

/** A request's JSON body as its bytes (UTF-8). */
export type JsonBody = { json: Uint8Array };

/** A request body that is not JSON: the API's 400 invalid-json, as for any other body. */
export class InvalidJsonError extends Error {
  constructor() {
    super("request body is not valid JSON");
    this.name = "InvalidJsonError";
  }
}

/** The body's value; InvalidJsonError if it is not JSON. */
export function jsonOf(body: JsonBody): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body.json));
  } catch {
    throw new InvalidJsonError();
  }
}
