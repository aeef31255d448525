// Every label on the page, in one table: 简体中文 first, English one click away.
// t(key, vars) fills {name} placeholders; the chosen language is remembered in localStorage.

const TEXT = {
  "app.title": { zh: "双11 客服人数与排班", en: "Double-11 CS staffing and roster" },
  "app.lang": { zh: "English", en: "中文" },
  "app.loading": { zh: "加载中…", en: "Loading…" },
  "app.error": { zh: "出错了：{message}", en: "Something went wrong: {message}" },

  "scenario.label": { zh: "方案", en: "Scenario" },
  "scenario.save": { zh: "保存", en: "Save" },
  "scenario.duplicate": { zh: "复制为新方案", en: "Duplicate" },
  "scenario.delete": { zh: "删除", en: "Delete" },
  "scenario.copyName": { zh: "{name}（副本）", en: "{name} (copy)" },
  "scenario.saved": { zh: "已保存", en: "Saved" },
  "scenario.unsaved": { zh: "有未保存的修改（图表为预览）", en: "Unsaved changes (the chart is a preview)" },
  "scenario.confirmDelete": { zh: "删除方案“{name}”及其排班？", en: "Delete scenario “{name}” and its roster?" },
  "scenario.invalid": { zh: "有 {count} 项输入需要修改，见表单中的红字。", en: "{count} inputs need fixing: see the red notes in the form." },

  "tab.plan": { zh: "方案与覆盖", en: "Plan & coverage" },
  "tab.roster": { zh: "排班表", en: "Roster" },
  "tab.compare": { zh: "方案对比", en: "Compare" },

  "form.title": { zh: "方案输入", en: "Plan inputs" },
  "group.basics": { zh: "方案与时间", en: "Scenario and time" },
  "group.chain": { zh: "销售目标与转化", en: "Sales target and conversion" },
  "group.presales": { zh: "售前客服", en: "Pre-sales agents" },
  "group.aftersales": { zh: "售后客服", en: "After-sales agents" },
  "group.requirement": { zh: "人数计算方法", en: "How agents are counted" },
  "group.shifts": { zh: "班次", en: "Shifts" },
  "group.rules": { zh: "排班规则", en: "Roster rules" },

  "unit.yuan": { zh: "元", en: "yuan" },
  "unit.percent": { zh: "%", en: "%" },
  "unit.hours": { zh: "小时", en: "h" },
  "unit.minutes": { zh: "分钟", en: "min" },
  "unit.seconds": { zh: "秒", en: "s" },
  "unit.perDay": { zh: "人次/人·天", en: "per agent-day" },
  "unit.messages": { zh: "条", en: "msgs" },
  "unit.chats": { zh: "个会话", en: "chats" },
  "unit.perMin": { zh: "条/分钟", en: "per min" },
  "unit.list": { zh: "逗号分隔", en: "comma-separated" },

  "f.name": { zh: "方案名称", en: "Scenario name" },
  "h.name": { zh: "保存后在方案列表中显示", en: "Shown in the scenario list" },
  "f.window.start": { zh: "开始时间", en: "Window start" },
  "h.window.start": { zh: "排班窗口开始（本地时间）", en: "Start of the planning window, local time" },
  "f.window.end": { zh: "结束时间", en: "Window end" },
  "h.window.end": { zh: "排班窗口结束，须为整数个时段", en: "End of the window, a whole number of intervals" },
  "f.zone": { zh: "时区", en: "Time zone" },
  "h.zone": { zh: "IANA 时区，如 Asia/Shanghai", en: "IANA zone, e.g. Asia/Shanghai" },
  "f.intervalMin": { zh: "时段长度", en: "Interval" },
  "h.intervalMin": { zh: "需求与排班的时间粒度", en: "Granularity of demand and shifts" },
  "f.workdayHours": { zh: "每人每天工时", en: "Workday" },
  "h.workdayHours": { zh: "饱和接待量对应的工作时长", en: "Hours behind the saturation figure" },
  "f.peakBand.start": { zh: "高峰开始", en: "Peak starts" },
  "h.peakBand.start": { zh: "留空则按售前需求自动识别", en: "Empty: found from the pre-sales requirement" },
  "f.peakBand.end": { zh: "高峰结束", en: "Peak ends" },
  "h.peakBand.end": { zh: "高峰期内售后可稍后处理", en: "After-sales may wait inside the peak" },

  "f.chain.salesTargetYuan": { zh: "店铺销售额", en: "Shop sales target" },
  "h.chain.salesTargetYuan": { zh: "活动当天的目标销售额", en: "The event day's target" },
  "f.chain.csSalesShare": { zh: "客服销售占比", en: "CS share of sales" },
  "h.chain.csSalesShare": { zh: "经客服咨询后成交的销售额占比", en: "Share of sales made after talking to CS" },
  "f.chain.csAvgOrderValueYuan": { zh: "客服客单价", en: "CS average order" },
  "h.chain.csAvgOrderValueYuan": { zh: "客服成交订单的平均金额", en: "Average value of CS-assisted orders" },
  "f.chain.inquiryConversionRate": { zh: "询单转化率", en: "Inquiry conversion" },
  "h.chain.inquiryConversionRate": { zh: "咨询后下单的比例", en: "Share of inquiries that buy" },

  "f.curve": { zh: "咨询曲线", en: "Inquiry curve" },
  "h.curve": { zh: "内置双11曲线（晚8点起高峰）", en: "Built-in Double-11 curve (peak from 20:00)" },
  "f.botResolutionRate": { zh: "机器人解决率", en: "Bot resolution" },
  "h.botResolutionRate": { zh: "店小蜜等自动解决、无需人工的比例", en: "Share a bot resolves before a human" },
  "f.capacity.basis": { zh: "饱和接待量来源", en: "Capacity from" },
  "h.capacity.basis": { zh: "直接填写，或由消息数与每条用时推算", en: "Given, or derived from messages and time" },
  "opt.perAgentDay": { zh: "直接填写", en: "Given directly" },
  "opt.messages": { zh: "按消息推算", en: "From messages" },
  "f.capacity.saturationPerAgentDay": { zh: "客服饱和接待量", en: "Saturation" },
  "h.capacity.saturationPerAgentDay": { zh: "每人每天可接待的客户数", en: "Customers one agent serves per day" },
  "f.capacity.messagesPerCustomer": { zh: "每位客户消息数", en: "Messages per customer" },
  "h.capacity.messagesPerCustomer": { zh: "一次接待客服发出的消息数", en: "Messages an agent sends per reception" },
  "f.capacity.secondsPerMessage": { zh: "每条消息用时", en: "Seconds per message" },
  "h.capacity.secondsPerMessage": { zh: "客服回复一条消息的平均用时", en: "Average time to reply once" },
  "f.capacity.utilization": { zh: "有效工作占比", en: "Utilisation" },
  "h.capacity.utilization": { zh: "工作时间中用于接待的比例", en: "Share of the day spent serving" },
  "f.service.ahtSec": { zh: "平均处理时长", en: "Handling time" },
  "h.service.ahtSec": { zh: "一次会话从开始到结束", en: "One chat from start to end" },
  "f.service.targetSec": { zh: "响应时间目标", en: "Answer within" },
  "h.service.targetSec": { zh: "首次响应的目标秒数", en: "Target first-response time" },
  "f.service.serviceLevel": { zh: "服务水平", en: "Service level" },
  "h.service.serviceLevel": { zh: "在目标时间内响应的比例", en: "Share answered within the target" },
  "f.service.maxOccupancy": { zh: "最高占用率", en: "Max occupancy" },
  "h.service.maxOccupancy": { zh: "客服忙碌时间的上限", en: "Cap on the share of time busy" },
  "f.service.shrinkage": { zh: "损耗率", en: "Shrinkage" },
  "h.service.shrinkage": { zh: "休息、培训等不在线的比例", en: "Time paid but not on chat" },
  "f.service.concurrency": { zh: "同时接待会话数", en: "Chats at once" },
  "h.service.concurrency": { zh: "一名客服同时处理的会话数", en: "Chats one agent handles at once" },
  "f.service.patienceSec": { zh: "客户耐心", en: "Patience" },
  "h.service.patienceSec": { zh: "平均等待多久会离开；留空为不离开 (Erlang C)", en: "Mean wait before leaving; empty = never (Erlang C)" },
  "f.aftersales.shopAvgOrderValueYuan": { zh: "全店客单价", en: "Shop average order" },
  "h.aftersales.shopAvgOrderValueYuan": { zh: "订单数 = 销售额 ÷ 全店客单价", en: "Orders = target ÷ this" },
  "f.aftersales.contactRate": { zh: "售后咨询率", en: "After-sales contact rate" },
  "h.aftersales.contactRate": { zh: "每笔订单带来的售后咨询", en: "After-sales contacts per order" },
  "f.aftersales.maxDeferHours": { zh: "售后可延后", en: "After-sales may wait" },
  "h.aftersales.maxDeferHours": { zh: "高峰期售后最多延后几小时处理（售前优先）", en: "Hours after-sales may wait at the peak (pre-sales first)" },
  "f.requirement.method": { zh: "计算方法", en: "Method" },
  "h.requirement.method": { zh: "饱和接待量法（种子公式）或服务水平法 (Erlang)", en: "Saturation (the seed formula) or service level (Erlang)" },
  "opt.saturation": { zh: "饱和接待量法", en: "Saturation" },
  "opt.service-level": { zh: "服务水平法 (Erlang)", en: "Service level (Erlang)" },
  "f.shifts.lengthsHours": { zh: "班次时长", en: "Shift lengths" },
  "h.shifts.lengthsHours": { zh: "可用的班次长度，如 4, 6, 8, 10, 12", en: "Allowed lengths, e.g. 4, 6, 8, 10, 12" },
  "f.shifts.costPerHour": { zh: "每小时成本", en: "Cost per hour" },
  "h.shifts.costPerHour": { zh: "优化以总成本最低为目标", en: "The optimizer minimises total cost" },
  "f.shifts.breakRule.minShiftHours": { zh: "需用餐的班次时长", en: "Meal break from" },
  "h.shifts.breakRule.minShiftHours": { zh: "不短于此时长的班次安排一次用餐", en: "Shifts this long get one meal break" },
  "f.shifts.breakRule.breakMinutes": { zh: "用餐时长", en: "Meal break" },
  "h.shifts.breakRule.breakMinutes": { zh: "用餐计入连续在岗时间", en: "Counts as duty for the 12-hour cap" },
  "f.rules.maxContinuousDutyHours": { zh: "最长连续在岗", en: "Longest continuous duty" },
  "h.rules.maxContinuousDutyHours": { zh: "任何人连续在岗不超过此时长", en: "Nobody on duty longer than this" },
  "f.rules.restResetHours": { zh: "重置连续在岗的休息", en: "Rest that resets duty" },
  "h.rules.restResetHours": { zh: "两段班之间休息达到此时长才算重新开始", en: "A gap this long starts a new stretch" },
  "f.rules.minRestHours": { zh: "两班之间最少休息", en: "Minimum rest" },
  "h.rules.minRestHours": { zh: "同一人两次班次之间的最少间隔", en: "Least gap between one person's shifts" },

  "chain.title": { zh: "人数公式", en: "The staffing chain" },
  "chain.sales": { zh: "店铺销售额", en: "Shop sales" },
  "chain.csSales": { zh: "客服销售额", en: "CS sales" },
  "chain.csBuyers": { zh: "客服销售人数", en: "CS buyers" },
  "chain.receptions": { zh: "售前客服总接待量", en: "Pre-sales receptions" },
  "chain.human": { zh: "人工接待量", en: "Human receptions" },
  "chain.agents": { zh: "客服人数（日均）", en: "Agents (daily average)" },
  "chain.op.share": { zh: "× 客服销售占比 {value}", en: "× CS share {value}" },
  "chain.op.aov": { zh: "÷ 客服客单价 {value}", en: "÷ CS average order {value}" },
  "chain.op.conversion": { zh: "÷ 询单转化率 {value}", en: "÷ conversion {value}" },
  "chain.op.bot": { zh: "× (1 − 机器人解决率 {value})", en: "× (1 − bot {value})" },
  "chain.op.saturation": { zh: "÷ 饱和接待量 {value}", en: "÷ saturation {value}" },
  "chain.peak": { zh: "高峰 {time} 需要售前 {presales} 人、售后 {aftersales} 人（排班人数），是日均 {average} 人的 {ratio} 倍：日均人数低估了高峰。", en: "At the peak, {time}, {presales} pre-sales and {aftersales} after-sales agents are needed (scheduled), {ratio}× the daily average of {average}: the average understates the peak." },
  "chain.band": { zh: "高峰时段 {from} – {to}（{source}）", en: "Peak band {from} – {to} ({source})" },
  "chain.band.plan": { zh: "方案设定", en: "set by the plan" },
  "chain.band.derived": { zh: "按需求自动识别", en: "found from the requirement" },

  "chart.title": { zh: "覆盖 vs 需求", en: "Coverage against requirement" },
  "chart.requiredPre": { zh: "售前需求", en: "Pre-sales required" },
  "chart.requiredAfter": { zh: "售后需求", en: "After-sales required" },
  "chart.rosteredPre": { zh: "售前在岗", en: "Pre-sales rostered" },
  "chart.rosteredAfter": { zh: "售后在岗", en: "After-sales rostered" },
  "chart.shortfall": { zh: "缺口", en: "Shortfall" },
  "chart.peak": { zh: "高峰", en: "Peak" },
  "chart.agents": { zh: "人", en: "agents" },
  "chart.noRoster": { zh: "尚无排班：图中只有需求。求解排班后显示在岗人数与缺口。", en: "No roster yet: the chart shows the requirement only. Solve a roster to see who is on and what is short." },
  "chart.stale": { zh: "排班基于修改前的方案，请重新求解。", en: "The roster predates the plan's last change: solve again." },

  "roster.title": { zh: "排班", en: "Roster" },
  "roster.staff": { zh: "人员名单 (CSV)", en: "Staff list (CSV)" },
  "roster.staffSample": { zh: "示例名单（{count} 人）", en: "Sample staff ({count} people)" },
  "roster.staffFile": { zh: "已选文件：{name}", en: "File: {name}" },
  "roster.solve": { zh: "求解排班", en: "Solve roster" },
  "roster.cancel": { zh: "取消", en: "Cancel" },
  "roster.solving": { zh: "正在求解… 已用 {seconds} 秒（上限 {limit} 秒）：设计班次，再按规则安排到人并逐条校验。", en: "Solving… {seconds} s so far (limit {limit} s): designing shifts, then placing people under the rules and checking each one." },
  "roster.cancelled": { zh: "已取消，未保存任何结果。", en: "Cancelled; nothing was saved." },
  "roster.none": { zh: "尚未求解排班。", en: "No roster solved yet." },
  "roster.summary": { zh: "{status}：{shifts} 个班次、{people} 人，共 {paid} 个带薪工时（下界 {bound}，差距 {gap}）。", en: "{status}: {shifts} shifts for {people} people, {paid} paid hours (bound {bound}, gap {gap})." },
  "roster.status.optimal": { zh: "最优", en: "Optimal" },
  "roster.status.feasible": { zh: "可行（未证明最优）", en: "Feasible (not proven optimal)" },
  "roster.status.shortfall": { zh: "人手不足", en: "Short of hands" },
  "roster.status.timeout": { zh: "超时", en: "Timed out" },
  "roster.allCovered": { zh: "每个时段的需求都已覆盖。", en: "Every interval's requirement is covered." },
  "roster.shortRun": { zh: "{from} 至 {to} 还需最多 {count} 名{queue}客服（共缺 {hours} 人·时）。", en: "Up to {count} more {queue} agents from {from} to {to} ({hours} agent-hours short)." },
  "roster.shortFix": { zh: "可增加在这些时段可上班、具备{queue}技能的人员，或放宽最长工时。", en: "Add people with the {queue} skill who are available then, or raise their maximum hours." },
  "roster.deferral": { zh: "售后稍后：{from} – {to} 到达的售后咨询最多可延后 {hours} 小时；实际延后 {waited} 人·时。", en: "After-sales later: contacts arriving {from} – {to} may wait up to {hours} h; {waited} agent-hours waited." },
  "roster.findings": { zh: "规则检查：{count} 项问题", en: "Rule check: {count} findings" },
  "roster.findingsNone": { zh: "规则检查：全部通过（连续在岗 ≤ {cap} 小时、休息、可排时段、技能、工时）", en: "Rule check: all passed (continuous duty ≤ {cap} h, rest, availability, skills, hours)" },
  "roster.untrained": { zh: "未培训的临时工（不排班）：{names}", en: "Temps not yet trained (not rostered): {names}" },
  "roster.untrainedNone": { zh: "没有未培训的临时工。", en: "No untrained temps." },
  "roster.filterQueue": { zh: "队列", en: "Queue" },
  "roster.filterKind": { zh: "类型", en: "Kind" },
  "roster.all": { zh: "全部", en: "All" },
  "roster.col.name": { zh: "姓名", en: "Name" },
  "roster.col.kind": { zh: "类型", en: "Kind" },
  "roster.col.hours": { zh: "工时", en: "Hours" },
  "roster.col.stretch": { zh: "最长连续", en: "Longest" },
  "roster.col.timeline": { zh: "班次（{zone}）", en: "Shifts ({zone})" },
  "roster.rows": { zh: "显示 {shown} / {total} 人", en: "Showing {shown} of {total} people" },
  "roster.break": { zh: "用餐", en: "meal" },
  "queue.presales": { zh: "售前", en: "pre-sales" },
  "queue.aftersales": { zh: "售后", en: "after-sales" },
  "kind.fulltime": { zh: "全职", en: "full-time" },
  "kind.temp": { zh: "临时工", en: "temp" },
  "kind.support": { zh: "支援", en: "support" },

  "compare.title": { zh: "方案对比", en: "Compare scenarios" },
  "compare.a": { zh: "方案 A", en: "Scenario A" },
  "compare.b": { zh: "方案 B", en: "Scenario B" },
  "compare.metric": { zh: "指标", en: "Measure" },
  "compare.salesTarget": { zh: "店铺销售额（元）", en: "Sales target (yuan)" },
  "compare.receptions": { zh: "售前接待量", en: "Pre-sales receptions" },
  "compare.aftersalesReceptions": { zh: "售后接待量", en: "After-sales receptions" },
  "compare.chainAgents": { zh: "客服人数（日均）", en: "Agents (daily average)" },
  "compare.peakPresales": { zh: "售前高峰人数", en: "Pre-sales peak agents" },
  "compare.peakAftersales": { zh: "售后高峰人数", en: "After-sales peak agents" },
  "compare.agentHours": { zh: "需求人·时", en: "Required agent-hours" },
  "compare.paidHours": { zh: "排班带薪工时", en: "Rostered paid hours" },
  "compare.shortHours": { zh: "缺口人·时", en: "Short agent-hours" },
  "compare.noRoster": { zh: "—（未排班）", en: "— (no roster)" },
  "compare.required": { zh: "{scenario} 需求（售前+售后）", en: "{scenario} required (pre + after)" },
  "compare.rostered": { zh: "{scenario} 在岗", en: "{scenario} rostered" },
  "compare.sameWindow": { zh: "两个方案的时间窗口不同：按各自从开始起的时段对齐。", en: "The windows differ: aligned by interval from each start." },
};

const STORAGE_KEY = "peakcrew.lang";
let lang = localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "zh";

export function language() {
  return lang;
}

export function setLanguage(next) {
  lang = next;
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next === "zh" ? "zh-CN" : "en";
}

/** The label for `key` in the current language, with {placeholders} filled from `vars`. */
export function t(key, vars = {}) {
  const entry = TEXT[key];
  if (!entry) throw new Error(`no label for ${key}`);
  return entry[lang].replace(/\{(\w+)\}/g, (_, name) => (name in vars ? String(vars[name]) : `{${name}}`));
}

/** Fills every element marked data-i18n="key" with its label. */
export function translatePage(root = document) {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const el of root.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);
}

/** Numbers in the page's language: 1,234.5 / 1,234.5. */
export function formatNumber(value, digits = 0) {
  return value.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: digits });
}
