/** Signing in and the audit log (docs/security.md). */
import * as z from "zod";
import { coded } from "./fields.ts";

/** A user's name for signing in: 1–64 characters, no control characters, trimmed (docs/security.md). */
export const UserNameSchema = z
  .string()
  .trim()
  .min(1, { message: "is empty" })
  .max(64, { message: "is longer than 64 characters" })
  .refine((name) => !/[\p{Cc}\p{Cf}]/u.test(name), coded("control_character", {}, "has a control character"));
/** A password to set: at least 10 characters (bounded, since scrypt reads all of it). */
export const NewPasswordSchema = z.string().min(10, { message: "must be at least 10 characters" }).max(1024, { message: "is longer than 1024 characters" });
export const RoleSchema = z.enum(["manager", "hr", "viewer"], { message: 'must be "manager", "hr" or "viewer"' });
/** POST /api/login. */
export const LoginRequestSchema = z.strictObject({ name: UserNameSchema, password: z.string().min(1).max(1024) });
/** GET /api/audit: newest first, `limit` a page, `before` the id the previous page ended at. */
export const AuditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() });
