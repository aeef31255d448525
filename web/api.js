// The page's client for the server's /api (the page keeps no rules of its own). JSON in and
// out, or a file sent as it is; a refusal becomes an Error with the API's `status`, `code`
// and field `issues`. On a shared server with no session the API answers 401: login.js asks
// the user to sign in, then the same request is sent again. No drawing here.
import { t } from "./i18n.js";
import { signIn } from "./login.js";

/** Sends `init` to /api`path`; answers {status, data} or throws the API's error (after signing in on a 401). */
async function send(path, init) {
  const res = await fetch(`/api${path}`, init);
  const text = await res.text();
  const data = text ? JSON.parse(text) : undefined;
  // Shared server, no session (login.js): sign in, then ask again.
  if (res.status === 401 && data?.error?.code === "unauthorized") {
    await signIn();
    return send(path, init);
  }
  if (!res.ok) {
    const message = data?.error?.message ?? `${res.status}`;
    const error = new Error(data?.error?.code === "forbidden" ? t("login.forbidden", { message }) : message);
    error.status = res.status;
    error.code = data?.error?.code;
    error.issues = data?.error?.issues ?? [];
    throw error;
  }
  return { status: res.status, data };
}

/** A JSON request: `body` (when given) is sent as JSON, `signal` can abort it; answers the parsed reply. */
export async function api(method, path, body, signal) {
  const headers = body === undefined ? {} : { "content-type": "application/json" };
  const { data } = await send(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
  return data;
}

/** POSTs a file or text as it is (`type`: its content type); answers {status, data}: 201 added, 200 already there. */
export function upload(path, body, type) {
  return send(path, { method: "POST", headers: { "content-type": type }, body });
}
