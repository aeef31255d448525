import { describe, expect, it } from "vitest";
import * as z from "zod";
import { issueText } from "../../web/issues.js";
import { inputIssuesOf, planWith } from "../fixtures.ts";
import { parse, parsePlan } from "../../src/schemas.ts";

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

  it("an issue without a known code falls back to its message", () => {
    expect(issueText({ path: "x", message: "line 3: bad date" }, "zh")).toBe("line 3: bad date");
    expect(issueText({ path: "x", message: "custom words", code: "custom" }, "zh")).toBe("custom words");
  });
});
