/**
 * Who may call what (docs/security.md "Access control"). Roles are ordered: each has the
 * rights of the ones before it (viewer < hr < manager).
 *
 * - viewer: every read (GET, including the roster exports), and the two stateless
 *   calculators POST /staffing and /erlang, which store nothing (the page previews with them).
 * - hr: the roster work: shift design, solving and deleting a plan's roster, the night's
 *   actuals, re-plans and applying one.
 * - manager: everything else: plans, last year's data, the audit log; and any write route not
 *   named here, so a new route is the manager's until it is placed.
 *
 * Paths are matched without case and with an optional trailing slash, as Express routes them.
 */
import { ROLES, type Role } from "../store/users.ts";

type Rule = { methods: string[]; path: RegExp; role: Role };

const READ = ["GET", "HEAD"];
const RULES: Rule[] = [
  { methods: READ, path: /^\/audit\/?$/i, role: "manager" },
  { methods: READ, path: /^/, role: "viewer" },
  { methods: ["POST"], path: /^\/(staffing|erlang)\/?$/i, role: "viewer" },
  { methods: ["POST"], path: /^\/design\/?$/i, role: "hr" },
  { methods: ["POST", "DELETE"], path: /^\/plans\/\d+\/roster\/?$/i, role: "hr" },
  { methods: ["POST"], path: /^\/plans\/\d+\/(actuals|replan)\/?$/i, role: "hr" },
  { methods: ["POST"], path: /^\/plans\/\d+\/replans\/\d+\/apply\/?$/i, role: "hr" },
];

/** The least role that may make this request; `path` is the one under /api. */
export function requiredRole(method: string, path: string): Role {
  return RULES.find((r) => r.methods.includes(method) && r.path.test(path))?.role ?? "manager";
}

export function roleAllows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** The stateless calculators: they store nothing, so they are not written to the audit log. */
export const isCalculator = (method: string, path: string) => method === "POST" && /^\/(staffing|erlang|design)\/?$/i.test(path);
