import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../src/passwords.ts";

describe("password hashing (scrypt)", () => {
  it("stores a salted scrypt hash with its parameters, never the password, and verifies only the right one", async () => {
    const password = "双11-night-shift";
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain(password);
    expect(await verifyPassword(password, stored)).toBe(true);
    expect(await verifyPassword("双11-night-shifT", stored)).toBe(false);
    // A new salt each time: the same password never gives the same hash.
    const again = await hashPassword(password);
    expect(again).not.toBe(stored);
    expect(await verifyPassword(password, again)).toBe(true);
  });

  it("the stored hash is the RFC 7914 scrypt of the password under the stored salt and cost", async () => {
    const { scryptSync } = await import("node:crypto");
    const stored = await hashPassword("check-me-please");
    const [, , , salt, key] = stored.split("$");
    const expected = scryptSync("check-me-please", Buffer.from(salt as string, "base64url"), 32, { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 17 * 8 });
    expect(Buffer.from(key as string, "base64url").equals(expected)).toBe(true);
  });

  it("a malformed or over-costly stored hash verifies nothing", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
    expect(await verifyPassword("x", "$scrypt$ln=40,r=8,p=1$AAAA$AAAA")).toBe(false);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
  });
});
