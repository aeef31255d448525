// The page's night words (web/night-text.js, labels in web/i18n.js) against the CLI's
// (src/cli/night-text.ts): the same sentence for every change kind and basis, in both languages.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basisText as cliBasis, changeText as cliChange, nightText } from "../../src/cli/night-text.ts";
import type { NightChange, NightReplan } from "../../src/domain/night.ts";
import type { ReforecastBasis } from "../../src/domain/reforecast.ts";

type Page = { text: typeof import("../../web/night-text.js"); i18n: typeof import("../../web/i18n.js") };
let page: Page;

// i18n.js remembers the language in localStorage and marks <html lang>: the two browser globals it touches.
const BROWSER = ["localStorage", "document"] as const;
const saved = BROWSER.map((name) => Object.getOwnPropertyDescriptor(globalThis, name));

beforeAll(async () => {
  const store = new Map<string, string>();
  const stubs = {
    localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) },
    document: { documentElement: { lang: "" } },
  };
  for (const name of BROWSER) Object.defineProperty(globalThis, name, { value: stubs[name], configurable: true, writable: true });
  page = { text: await import("../../web/night-text.js"), i18n: await import("../../web/i18n.js") };
});

afterAll(() => {
  BROWSER.forEach((name, i) => {
    const descriptor = saved[i];
    if (descriptor) Object.defineProperty(globalThis, name, descriptor);
    else delete (globalThis as Record<string, unknown>)[name];
  });
});

const at = (local: string) => `${local}:00.000+08:00`;
const shift = (start: string, end: string, queue: "presales" | "aftersales" = "presales") => ({ start: at(start), end: at(end), queue });
const change = (kind: NightChange["kind"], before: NightChange["before"], after: NightChange["after"], stretchHours = 0): NightChange => ({
  personId: "FT012",
  name: "汪梦",
  kind,
  before,
  after,
  stretchHours,
});

const CHANGES: NightChange[] = [
  change("extend", shift("2026-11-10T18:00", "2026-11-11T02:00"), shift("2026-11-10T18:00", "2026-11-11T04:00"), 10),
  change("extend", shift("2026-11-10T22:00", "2026-11-11T02:00"), shift("2026-11-10T22:00", "2026-11-11T08:30"), 10.5),
  change("shorten", shift("2026-11-10T22:00", "2026-11-11T06:00"), shift("2026-11-10T22:00", "2026-11-11T03:00"), 5),
  change("rest", shift("2026-11-10T22:00", "2026-11-11T06:00"), shift("2026-11-10T22:00", "2026-11-11T00:30"), 2.5),
  change("callIn", null, shift("2026-11-11T01:30", "2026-11-11T05:30"), 4),
  change("callIn", null, shift("2026-11-11T01:30", "2026-11-11T05:30", "aftersales"), 4),
  change("cancel", shift("2026-11-11T09:00", "2026-11-11T17:00"), null),
  change("shift", shift("2026-11-11T09:00", "2026-11-11T17:00"), shift("2026-11-11T12:00", "2026-11-11T20:00"), 8),
  change("shift", shift("2026-11-11T22:00", "2026-11-12T06:00"), shift("2026-11-12T02:00", "2026-11-12T10:00"), 8),
  change("move", shift("2026-11-11T09:00", "2026-11-11T17:00", "aftersales"), shift("2026-11-11T09:00", "2026-11-11T17:00"), 8),
];
const BASES: ReforecastBasis[] = [
  { code: "ratio", hours: 2, ratio: 1.3104, applied: 1.3104, capped: false },
  { code: "ratio", hours: 2, ratio: 2.6, applied: 2, capped: true },
  { code: "run-rate", hours: 1.5, perInterval: 412.5, forecastPerInterval: 300 },
  { code: "no-actuals", hours: 2 },
];

describe.each(["zh", "en"] as const)("the page's night words in %s", (lang) => {
  beforeAll(() => page.i18n.setLanguage(lang));

  it("say each change kind exactly as the CLI does", () => {
    expect(CHANGES.map((c) => page.text.changeText(c))).toEqual(CHANGES.map((c) => cliChange(c, lang)));
  });

  it("say each re-forecast basis exactly as the CLI does", () => {
    expect(BASES.map((b) => page.text.basisText(b))).toEqual(BASES.map((b) => cliBasis(b, lang)));
  });

  it("give the CLI's summary lines: now and notice, the re-forecast, the shortfall and the solve", () => {
    const n = {
      now: at("2026-11-11T00:30"),
      noticeMin: 60,
      reforecast: { basis: { presales: BASES[0], aftersales: BASES[3] }, horizonHours: 12 },
      shortfallAgentHours: { before: 215, after: 37.5 },
      status: "optimal",
      options: 10995,
      solveMs: 2843.7,
      changes: CHANGES,
    } as unknown as NightReplan;
    const lines = page.text.summaryLines(n);
    const cli = nightText(n, lang).split("\n");
    expect(lines.head).toBe(cli[0]);
    expect(lines.basis).toBe(cli[1]);
    expect(`${lines.shortfall}${lang === "zh" ? "" : " "}${lines.solve}`).toBe(cli[2]);
  });
});

describe("the change list on the page", () => {
  it("groups the changes by kind, people added first, each group by when the change takes effect", () => {
    const groups = page.text.changeGroups(CHANGES);
    expect(groups.map((g) => g.kind)).toEqual(["extend", "callIn", "shift", "move", "shorten", "rest", "cancel"]);
    // Both extensions take effect at 02:00 (their old end), for the same person: they keep their order.
    expect(groups[0]?.changes.map((c) => c.after?.end)).toEqual([at("2026-11-11T04:00"), at("2026-11-11T08:30")]);
    expect(groups[2]?.changes.map((c) => c.after?.start)).toEqual([at("2026-11-11T12:00"), at("2026-11-12T02:00")]);
  });
});
