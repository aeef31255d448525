/**
 * Slows password guessing (in memory, per process): after 5 failed logins for one name from
 * one address, or 20 from one address for any names, within 15 minutes, further attempts get
 * 429 until the window ends. A success clears its name's count. Keyed by name *and* address so
 * that nobody can lock a user out from elsewhere.
 */
export type LoginLimits = { perNameAndIp: number; perIp: number; windowMin: number };
export const LOGIN_LIMITS: LoginLimits = { perNameAndIp: 5, perIp: 20, windowMin: 15 };
/** Past this many tracked keys, the expired ones are dropped (and all of them if none has expired). */
const MAX_KEYS = 10_000;

type Count = { failures: number; resetAtMs: number };

export function loginLimiter(limits: LoginLimits = LOGIN_LIMITS) {
  const counts = new Map<string, Count>();
  const keys = (ip: string, name: string) => [
    { key: `ip\n${ip}`, limit: limits.perIp },
    { key: `name\n${ip}\n${name.toLowerCase()}`, limit: limits.perNameAndIp },
  ];
  const live = (key: string, nowMs: number) => {
    const count = counts.get(key);
    return count && count.resetAtMs > nowMs ? count : undefined;
  };
  return {
    /** Seconds to wait before trying again, or 0 when an attempt may be made now. */
    retryAfterSec(ip: string, name: string, nowMs: number): number {
      let wait = 0;
      for (const { key, limit } of keys(ip, name)) {
        const count = live(key, nowMs);
        if (count && count.failures >= limit) wait = Math.max(wait, Math.ceil((count.resetAtMs - nowMs) / 1000));
      }
      return wait;
    },
    failed(ip: string, name: string, nowMs: number): void {
      if (counts.size > MAX_KEYS) {
        for (const [key, count] of counts) if (count.resetAtMs <= nowMs) counts.delete(key);
        if (counts.size > MAX_KEYS) counts.clear();
      }
      for (const { key } of keys(ip, name)) {
        const count = live(key, nowMs) ?? { failures: 0, resetAtMs: nowMs + limits.windowMin * 60_000 };
        count.failures += 1;
        counts.set(key, count);
      }
    },
    succeeded(ip: string, name: string): void {
      counts.delete(`name\n${ip}\n${name.toLowerCase()}`);
    },
  };
}
