import { describe, expect, it } from "vitest";
import { cliIssue, fmt, issueLines, pct, table } from "../../src/cli/text.ts";

describe("the CLI's numbers and words", () => {
  it("numbers carry thousands separators; integers stay whole, others to 2 decimals (4 below 1), trailing zeros dropped", () => {
    expect(fmt(10_500_000)).toBe("10,500,000");
    expect(fmt(83_333.3333)).toBe("83,333.33");
    expect(fmt(482.99999999)).toBe("483");
    expect(fmt(0.51171)).toBe("0.5117");
    expect(fmt(-1234.5)).toBe("-1,234.5");
    expect(fmt(-0)).toBe("0");
  });

  it("a fraction reads as percent: 0.8 → 80 %", () => {
    expect(pct(0.8)).toBe("80 %");
    expect(pct(0.88835)).toBe("88.84 %");
    expect(pct(null)).toBe("—");
  });

  it("tables right-align numbers and group their thousands; CJK cells take two columns", () => {
    expect(
      table(
        ["队列", "n"],
        [
          ["售前", 12345],
          ["x", 1],
        ],
      ),
    ).toBe("队列       n\n----  ------\n售前  12,345\nx          1");
  });

  it("an issue line is Chinese by default, English on request; the CLI's own issues carry both", () => {
    const zod = { path: "chain.csSalesShare", message: "Too big", code: "too_big", params: { maximum: 1, inclusive: true, origin: "number" } };
    expect(issueLines([zod], "zh")).toBe("错误：chain.csSalesShare：不能大于 1");
    expect(issueLines([zod], "en")).toBe("error: chain.csSalesShare: must be at most 1");
    const own = cliIssue("--staff", "必填", "is required");
    expect(issueLines([own, { path: "x.csv", message: "line 3: bad" }], "zh")).toBe("错误：--staff：必填\n错误：x.csv：line 3: bad");
    expect(issueLines([own], "en")).toBe("error: --staff: is required");
  });
});
