import { describe, expect, it } from "vitest";
import { concurrentChatsPerAgent, runChain, saturationFromMessages } from "../../src/domain/chain.ts";
import { ceilCount } from "../../src/domain/count.ts";

// Golden numbers: the seller-guide worked example "双十一要安排多少个客服" (m.39zn.cn/article/89975.htm):
// target 50万, AOV 100 元, CS share 20 %, inquiry conversion 40 % → 2,500 receptions;
// 10 messages × 5 s, 8 h, 100 % → 576 per agent-day; 2,500 ÷ 576 = 4.3 → 5 pre-sales agents.
const guide = { salesTargetYuan: 500_000, csSalesShare: 0.2, csAvgOrderValueYuan: 100, inquiryConversionRate: 0.4 };

describe("runChain", () => {
  it("reproduces the seller guide's example step by step, unrounded, then rounds the headcount up", () => {
    const result = runChain(guide, 576);
    expect(result.csSalesYuan).toBe(100_000);
    expect(result.csBuyers).toBe(1000);
    expect(result.presalesReceptions).toBe(2500);
    expect(result.humanReceptions).toBe(2500);
    expect(result.agentsExact).toBeCloseTo(2500 / 576, 12);
    expect(result.agentsExact).toBeCloseTo(4.34, 2);
    expect(result.agents).toBe(5);
  });

  it("when a bot resolves 20 % of inquiries, humans get 80 % and the headcount follows", () => {
    const result = runChain(guide, 576, 0.2);
    expect(result.presalesReceptions).toBe(2500);
    expect(result.humanReceptions).toBeCloseTo(2000, 9);
    expect(result.agents).toBe(4);
  });

  it("when receptions are an exact multiple of saturation, no extra agent is added", () => {
    expect(runChain(guide, 500).agents).toBe(5);
  });
});

describe("capacity helpers", () => {
  it("saturation from 10 messages × 5 s over 8 h at 100 % is 576 (the guide's figure)", () => {
    expect(saturationFromMessages({ messagesPerCustomer: 10, secondsPerMessage: 5, utilization: 1 }, 8)).toBe(576);
  });

  it("saturation scales with utilization and working hours", () => {
    expect(saturationFromMessages({ messagesPerCustomer: 10, secondsPerMessage: 5, utilization: 0.5 }, 12)).toBe(432);
  });

  it("the Qianniu rule: a 10-minute session, 6 replies a minute, 10 questions → 6 concurrent chats", () => {
    expect(concurrentChatsPerAgent({ sessionMin: 10, repliesPerMin: 6, questionsPerSession: 10 })).toBe(6);
  });

  it("ceilCount ignores floating-point dust but not real fractions", () => {
    // 21 productive agents at 30 % shrinkage: 21 ÷ 0.7 is 30.000000000000004 in floating point.
    expect(21 / (1 - 0.3)).toBeGreaterThan(30);
    expect(ceilCount(21 / (1 - 0.3))).toBe(30);
    expect(ceilCount(20.001)).toBe(21);
    expect(ceilCount(0)).toBe(0);
  });
});
