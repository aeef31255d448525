import { ceilCount } from "./count.ts";

/**
 * The seller-training staffing chain (DESIGN.md §1) and the capacity helpers it needs.
 *
 *   店铺销售额 × 客服销售占比 ÷ 客服客单价 ÷ 询单转化率 = 售前客服总接待量
 *   售前客服总接待量 ÷ 客服饱和接待量 = 客服人数
 */

export type ChainInput = {
  /** 店铺销售额: the shop's sales target for the event, yuan (> 0). */
  salesTargetYuan: number;
  /** 客服销售占比: share of sales that go through a CS conversation, 0–1. */
  csSalesShare: number;
  /** 客服客单价: average order value of CS-assisted buyers, yuan (> 0). */
  csAvgOrderValueYuan: number;
  /** 询单转化率: share of pre-sales receptions that end in a purchase, 0–1 (> 0). */
  inquiryConversionRate: number;
};

export type ChainResult = {
  csSalesYuan: number;
  csBuyers: number;
  presalesReceptions: number;
  /** Receptions left for humans after the bot (店小蜜) resolves its share. */
  humanReceptions: number;
  saturationPerAgentDay: number;
  agentsExact: number;
  agents: number;
};

/**
 * Runs the chain with every intermediate unrounded; only `agents` is rounded (up).
 *
 * The seed formula has no bot: with `botResolutionRate` 0 (the default) `humanReceptions`
 * equals `presalesReceptions` and the result is the seed's to the letter. The sales target
 * is read as the seed reads it, as one event day's, so `agents` is a daily-average
 * headcount; the per-interval requirement shows the peak it understates.
 *
 * Source: the seller-guide worked example (m.39zn.cn/article/89975.htm): 50万 × 20 % ÷ 100 元
 * ÷ 40 % = 2,500 receptions; ÷ 576 = 4.34 → 5 pre-sales agents.
 */
export function runChain(input: ChainInput, saturationPerAgentDay: number, botResolutionRate = 0): ChainResult {
  const csSalesYuan = input.salesTargetYuan * input.csSalesShare;
  const csBuyers = csSalesYuan / input.csAvgOrderValueYuan;
  const presalesReceptions = csBuyers / input.inquiryConversionRate;
  const humanReceptions = presalesReceptions * (1 - botResolutionRate);
  const agentsExact = humanReceptions / saturationPerAgentDay;
  return {
    csSalesYuan,
    csBuyers,
    presalesReceptions,
    humanReceptions,
    saturationPerAgentDay,
    agentsExact,
    agents: ceilCount(agentsExact),
  };
}

export type MessageCapacity = {
  /** Messages an agent sends to one customer in a reception. */
  messagesPerCustomer: number;
  /** Seconds an agent spends per message. */
  secondsPerMessage: number;
  /** Share of the working day spent serving, 0–1. */
  utilization: number;
};

/**
 * 客服饱和接待量: receptions one agent serves in a working day of `workdayHours`,
 * `3600 ÷ (messagesPerCustomer × secondsPerMessage) × workdayHours × utilization`.
 * E.g. 10 messages × 5 s, 8 h, 100 % → 576 (the seller guide's example, see `runChain`).
 * Category, shop size and the day's hours change it: it is an input, not a constant.
 */
export function saturationFromMessages(capacity: MessageCapacity, workdayHours: number): number {
  const secondsPerCustomer = capacity.messagesPerCustomer * capacity.secondsPerMessage;
  return (3600 / secondsPerCustomer) * workdayHours * capacity.utilization;
}

export type ConcurrencyRule = {
  /** Average length of one chat session, minutes. */
  sessionMin: number;
  /** Replies an agent can send per minute at peak. */
  repliesPerMin: number;
  /** Questions (buyer messages needing a reply) per session. */
  questionsPerSession: number;
};

/**
 * The Qianniu (千牛) rule of thumb for how many chats one agent holds at once:
 * session minutes × peak replies per minute ÷ questions per session.
 * E.g. a 10-minute session, 6 replies a minute, 10 questions → 6 concurrent chats.
 */
export function concurrentChatsPerAgent(rule: ConcurrencyRule): number {
  return (rule.sessionMin * rule.repliesPerMin) / rule.questionsPerSession;
}
