// Signing in when the server is shared (docs/security.md "Access control"). The API answers
// 401 `unauthorized` without a session: the page then shows this form, and once signed in
// makes the request again, so whatever was loading loads. The header shows who is signed in
// with a sign-out link (nothing on an open loopback server, where nobody signs in).
import { t, translatePage } from "./i18n.js";

let pending = null;

/** Opens the sign-in form (once, however many requests wait on it); resolves when signed in. */
export function signIn() {
  pending ??= new Promise((resolve) => openForm(resolve)).finally(() => {
    pending = null;
  });
  return pending;
}

/** Shows the signed-in user in the header, from GET /api/me (nothing in open mode or signed out). */
export async function showUser() {
  const res = await fetch("/api/me");
  if (!res.ok) return;
  const me = await res.json();
  if (me.mode === "users") renderUser(me);
}

function el(tag, { dataset = {}, ...props } = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

/** An element whose text is the label `key` (translatePage fills it). */
const labelled = (key, tag = "span", props = {}) => el(tag, { ...props, dataset: { i18n: key } });
const label = (key) => labelled(key);

function openForm(done) {
  let dialog = document.getElementById("login");
  if (!dialog) {
    const name = el("input", { id: "login-name", name: "name", autocomplete: "username", required: true, maxLength: 64 });
    const password = el("input", { id: "login-password", name: "password", type: "password", autocomplete: "current-password", required: true });
    const error = el("p", { id: "login-error", role: "alert" });
    error.style.cssText = "color:#991b1b;min-height:1.2em;margin:6px 0";
    const form = el(
      "form",
      { id: "login-form" },
      labelled("login.title", "h2"),
      labelled("login.note", "p", { className: "note" }),
      el("label", {}, label("login.name"), el("br"), name),
      el("br"),
      el("label", {}, label("login.password"), el("br"), password),
      error,
      labelled("login.submit", "button", { type: "submit", id: "login-submit" }),
    );
    form.style.cssText = "display:flex;flex-direction:column;gap:4px;min-width:260px";
    dialog = el("dialog", { id: "login" }, form);
    dialog.addEventListener("cancel", (event) => event.preventDefault());
    document.body.append(dialog);
  }
  translatePage(dialog);
  const form = dialog.querySelector("form");
  const error = dialog.querySelector("#login-error");
  error.textContent = "";
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = { name: form.elements.name.value.trim(), password: form.elements.password.value };
    const res = await fetch("/api/login", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const code = data?.error?.code;
      error.textContent = code === "invalid-login" ? t("login.failed") : code === "too-many-attempts" ? t("login.tooMany") : t("app.error", { message: data?.error?.message ?? res.status });
      return;
    }
    form.elements.password.value = "";
    dialog.close();
    renderUser(data);
    done();
  };
  if (!dialog.open) dialog.showModal();
  form.elements.name.focus();
}

function renderUser(me) {
  document.getElementById("user")?.remove();
  const logout = labelled("login.logout", "a", { href: "#", id: "logout" });
  logout.addEventListener("click", async (event) => {
    event.preventDefault();
    await fetch("/api/logout", { method: "POST" });
    location.reload();
  });
  const badge = el("span", { id: "user", className: "note" }, el("span", { id: "user-name", textContent: me.name }), " · ", label(`role.${me.role}`), " ", logout);
  const header = document.querySelector("header.top");
  header.insertBefore(badge, document.getElementById("lang"));
  translatePage(badge);
}
