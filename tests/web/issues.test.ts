import { describe, expect, it } from "vitest";
import * as z from "zod";
import { issueText } from "../../web/issues.js";
import { inputIssuesOf, planWith } from "../fixtures.ts";
import { parse, parseErlangRequest, parsePlan } from "../../src/schemas.ts";

describe("input issues carry a code and params, and read in Chinese", () => {
  it("a share above 1: too_big with its maximum; Chinese, English, and as a percent", () => {
    const [issue] = inputIssuesOf(() => parsePlan(planWith("chain.csSalesShare", 1.5)));
    expect(issue).toMatchObject({ path: "chain.csSalesShare", code: "too_big", params: { maximum: 1, inclusive: true, origin: "number" } });
    expect(issueText(issue!, "zh")).toBe("不能大于 1");
    expect(issueText(issue!, "zh", { percent: true })).toBe("不能大于 100 %");
    expect(issueText(issue!, "en", { percent: true })).toBe("must be at most 100 %");
  });

  it("missing, wrong type, exclusive bounds, unknown keys and enums", () => {
    const missing = inputIssuesOf(() => parsePlan(planWith("chain.salesTargetYuan", undefined)));
    expect(missing[0]).toMatchObject({ code: "required" });
    expect(issueText(missing[0]!, "zh")).toBe("必填");
    const text = inputIssuesOf(() => parsePlan(planWith("chain.salesTargetYuan", "三千万")));
    expect(issueText(text[0]!, "zh")).toBe("应为数字");
    const schema = z.strictObject({ rate: z.number().gt(0).lt(1), kind: z.enum(["a", "b"]) });
    const issues = inputIssuesOf(() => parse(schema, { rate: 0, kind: "c", extra: 1 }));
    const by = (path: string) => issueText(issues.find((i) => i.path === path)!, "zh");
    expect(by("rate")).toBe("须大于 0");
    expect(by("kind")).toBe("应为以下之一：a、b");
    expect(by("(root)")).toBe("无法识别的字段：extra");
  });

  it("a limit with its own English message keeps zod's code, so it reads in Chinese too", () => {
    const erlang = { arrivals: 100, intervalMin: 30, targetSec: 20, serviceLevel: 0.8 };
    const [aht] = inputIssuesOf(() => parseErlangRequest({ ...erlang, ahtSec: 9000 }));
    expect(aht).toMatchObject({ path: "ahtSec", message: "at most 7200 s (2 h)", code: "too_big", params: { maximum: 7200 } });
    expect(issueText(aht!, "zh")).toBe("不能大于 7,200");
    const [level] = inputIssuesOf(() => parseErlangRequest({ ...erlang, ahtSec: 180, serviceLevel: 80 }));
    expect(issueText(level!, "zh")).toBe("须小于 1");
  });

  it("a refinement, a coded pattern and a union of literals read in Chinese", () => {
    const [window] = inputIssuesOf(() => parsePlan(planWith("window", { start: "2026-11-10T00:00", end: "2026-12-20T00:00" })));
    expect(window).toMatchObject({ path: "window.end", code: "window_too_long", params: { maximum: 31 } });
    expect(issueText(window!, "zh")).toBe("时段最长 31 天");
    const [start] = inputIssuesOf(() => parsePlan(planWith("window", { start: "2026-11-10 00:00", end: "2026-11-13T00:00" })));
    expect(start).toMatchObject({ path: "window.start", code: "local_date_time" });
    expect(issueText(start!, "zh")).toBe("应为本地日期时间，如 2026-11-10T00:00（不带时区，按方案时区）");
    const [interval] = inputIssuesOf(() => parsePlan(planWith("intervalMin", 7)));
    expect(issueText(interval!, "zh")).toBe("应为以下之一：15、30、60");
  });

  it("an issue without a known code falls back to its message", () => {
    expect(issueText({ path: "x", message: "line 3: bad date" }, "zh")).toBe("line 3: bad date");
    expect(issueText({ path: "x", message: "custom words", code: "custom" }, "zh")).toBe("custom words");
  });
});
