// An input issue in the reader's language, from its `code` and `params` (src/schemas.ts
// `toIssues`). Plain JS with no DOM, so the page and the CLI share it; an issue without a code
// we know falls back to its English message.

const TYPE = {
  number: { zh: "数字", en: "a number" },
  string: { zh: "文本", en: "text" },
  array: { zh: "列表", en: "a list" },
  object: { zh: "一组字段", en: "an object" },
  boolean: { zh: "是或否", en: "true or false" },
  int: { zh: "整数", en: "a whole number" },
};

export const TEXT = {
  required: { zh: "必填", en: "required" },
  invalid_type: { zh: "应为{expected}", en: "must be {expected}" },
  "too_big.number": { zh: "不能大于 {maximum}", en: "must be at most {maximum}" },
  "too_big.number.exclusive": { zh: "须小于 {maximum}", en: "must be less than {maximum}" },
  "too_small.number": { zh: "不能小于 {minimum}", en: "must be at least {minimum}" },
  "too_small.number.exclusive": { zh: "须大于 {minimum}", en: "must be more than {minimum}" },
  "too_big.string": { zh: "最多 {maximum} 个字符", en: "at most {maximum} characters" },
  "too_small.string": { zh: "至少 {minimum} 个字符", en: "at least {minimum} characters" },
  "too_big.array": { zh: "最多 {maximum} 项", en: "at most {maximum} items" },
  "too_small.array": { zh: "至少 {minimum} 项", en: "at least {minimum} items" },
  empty: { zh: "不能为空", en: "must not be empty" },
  invalid_value: { zh: "应为以下之一：{values}", en: "must be one of: {values}" },
  unrecognized_keys: { zh: "无法识别的字段：{keys}", en: "unknown fields: {keys}" },
  not_multiple_of: { zh: "应为 {divisor} 的倍数", en: "must be a multiple of {divisor}" },
  invalid_format: { zh: "格式不正确", en: "wrong format" },
  history_no_overlap: {
    zh: "去年数据没有这 {hours} 小时中的任何一小时：按日期对齐需要 {needed} 的数据，文件只有 {covers}。",
    en: "last year's data has none of the window's {hours} hours: it needs hours in {needed}, and the file covers {covers}",
  },
  history_too_few_hours: {
    zh: "去年数据只有这 {hours} 小时中的 {used} 小时，估算至少需要 {minimum} 小时。",
    en: "last year's data has only {used} of the window's {hours} hours; estimates need at least {minimum}",
  },
  more_issues: { zh: "另有 {count} 个问题未列出", en: "and {count} more issues" },
  // CSV and uploaded files
  csv_malformed: { zh: "这一行不是有效的 CSV（多为引号未成对）", en: "not valid CSV: {reason}" },
  csv_too_many_rows: { zh: "文件超过 {maximum} 行，请拆分后分批上传", en: "the file has more than {maximum} rows; split it or send fewer" },
  csv_more_malformed: { zh: "另有 {count} 行 CSV 格式有误", en: "and {count} more malformed rows" },
  csv_empty: { zh: "文件是空的，第一行应为表头", en: "the file is empty; expected a header row" },
  csv_missing_column: { zh: "缺少列：{columns}", en: "missing column {columns}" },
  csv_no_rows: { zh: "文件只有表头，没有数据行", en: "the file has a header but no rows" },
  csv_more_bad_cells: { zh: "另有 {count} 个单元格有误", en: "and {count} more bad cells" },
  csv_not_count: { zh: "{value} 不是大于等于 0 的数量", en: "{value} is not a count ≥ 0" },
  csv_not_number: { zh: "{value} 不是大于等于 0 的数字", en: "{value} is not a number ≥ 0" },
  csv_not_whole: { zh: "{value} 不是大于等于 0 的整数", en: "{value} is not a whole number ≥ 0" },
  body_empty: { zh: "请求中没有文件：请把文件作为请求正文上传", en: "send the file as the request body" },
  file_xls: { zh: "无法读取 Excel 97–2003（.xls）工作簿，请另存为 .xlsx 或 CSV", en: "an Excel 97–2003 (.xls) workbook cannot be read; save it as .xlsx or CSV" },
  file_not_xlsx: { zh: "文件不是可读取的 xlsx 工作簿", en: "the file is not a readable xlsx workbook" },
  file_no_sheet: { zh: "工作簿里没有工作表", en: "the workbook has no sheet" },
  // staff CSV
  staff_duplicate_id: { zh: "工号与第 {line} 行重复", en: "duplicate of line {line}" },
  staff_unknown_skill: { zh: "无法识别的技能 {value}：请填 售前 或 售后（presales/aftersales）", en: "unknown skill {value}; use presales/aftersales (售前/售后)" },
  staff_no_skills: { zh: "技能为空：请填 售前 和/或 售后", en: "empty; give presales and/or aftersales" },
  staff_unknown_kind: { zh: "无法识别的类型 {value}：请填 全职、临时 或 支援（fulltime/temp/support）", en: "unknown kind {value}; use fulltime/temp/support (全职/临时/支援)" },
  staff_not_yes_no: { zh: "{value} 不是 是/否（yes/no）", en: "{value} is not yes/no (是/否)" },
  staff_bad_hours: { zh: "{value} 不是大于等于 0 的小时数", en: "{value} is not a number of hours ≥ 0" },
  staff_bad_availability: {
    zh: "{value} 不是“开始/结束”格式的可排时段，如 2026-11-10T18:00/2026-11-11T02:00",
    en: "{value} is not an ISO interval start/end, e.g. 2026-11-10T18:00/2026-11-11T02:00",
  },
  staff_too_many: { zh: "名单有 {count} 人，一份人员名单最多 {maximum} 人", en: "{count} people; a staff pool has at most {maximum}" },
  // last year's history
  history_bad_hour: { zh: "{value} 不是日期加整点时间，如 2025-11-10 18:00", en: "{value} is not a date and hour like 2025-11-10 18:00" },
  history_not_on_hour: { zh: "{value} 不是整点：每行是一个小时（18:00、19:00……）", en: "{value} is not on the hour; rows are hours (18:00, 19:00, …)" },
  history_duplicate_hour: { zh: "{hour} 出现了两次（第 {first} 行和第 {second} 行）", en: "{hour} appears twice (lines {first} and {second})" },
  history_no_rows: { zh: "去年数据没有任何行", en: "the dataset has no rows" },
  history_future_year: { zh: "去年数据从 {year} 年开始，晚于方案所在的 {planYear} 年", en: "the dataset starts in {year}, after the plan's year {planYear}" },
  // the night's actuals
  actuals_missing_time: { zh: "缺少时间列（{columns}）", en: "missing a time column ({columns})" },
  actuals_missing_counts: {
    zh: "缺少各队列的数量列（售前咨询人数 / 售后咨询人数、售前接待人数 / 售后接待人数），或分组列（{columns}）加 咨询人数 或 接待人数",
    en: "missing counts per queue (售前咨询人数 / 售后咨询人数, 售前接待人数 / 售后接待人数, presales / aftersales) or a group column ({columns}) with 咨询人数 or 接待人数",
  },
  actuals_no_rows: { zh: "文件中没有带数量的时段行", en: "the file has no interval rows with a count" },
  actuals_no_time: { zh: "没有时间：应为日期加时间，如 2026-11-10 18:00 或 2026-11-10 18:00-18:30", en: "no time; expected a date and time like 2026-11-10 18:00 or 2026-11-10 18:00-18:30" },
  actuals_bad_time: { zh: "{value} 不是日期加时间，如 2026-11-10 18:00 或 2026-11-10 18:00-18:30", en: "{value} is not a date and time like 2026-11-10 18:00 or 2026-11-10 18:00-18:30" },
  actuals_time_not_exist: { zh: "{value} 在时区 {zone} 中不存在", en: "{value} is not a time that exists in {zone}" },
  actuals_not_quarter: { zh: "{value} 不是从整刻钟开始：每行应为 15、30 或 60 分钟", en: "{value} does not start on a quarter hour; rows are 15, 30 or 60 minutes" },
  actuals_bad_end: { zh: "{value} 的结束时间不是一天中的时刻", en: "{value} does not end at a time of day" },
  actuals_bad_span: { zh: "{value} 跨 {minutes} 分钟：每行应为 15、30 或 60 分钟", en: "{value} spans {minutes} minutes; rows are 15, 30 or 60 minutes" },
  actuals_mixed_lengths: { zh: "这一行是 {minutes} 分钟，其他行是 {firstMinutes} 分钟（第 {line} 行）", en: "a {minutes}-minute row among {firstMinutes}-minute rows (line {line})" },
  actuals_straddles: {
    zh: "从 {span} 开始的 {minutes} 分钟跨了方案的两个 {interval} 分钟时段（{from} 和 {to}）",
    en: "the {minutes}-minute row from {span} straddles the plan's {interval}-minute intervals {from} and {to}",
  },
  actuals_start_off_grid: {
    zh: "{value} 不在方案的 {interval} 分钟时段上（时段从 {first}、{second}……开始）",
    en: "{value} is not on the plan's {interval}-minute grid (intervals start at {first}, {second}, …)",
  },
  actuals_start_outside: { zh: "{value} 不在方案时段 {from} – {to} 内", en: "{value} is outside the plan's window {from} – {to}" },
  actuals_duplicate_row: { zh: "与 {row} 的开始时间和队列相同", en: "{row} has the same start and queue" },
  // the 赤兔/千牛 service report
  chat_not_ratio: { zh: "{value} 不是比例，如 85% 或 0.85", en: "{value} is not a ratio like 85% or 0.85" },
  chat_ambiguous_duration: {
    zh: "“{value}”可能是 分:秒，也可能是 时:分：请写成 0:{value} 或 {value}:00（时:分:秒），或 1分30秒",
    en: '"{value}" could be minutes:seconds or hours:minutes; write 0:{value} or {value}:00 (h:mm:ss), or 1分30秒',
  },
  chat_not_duration: { zh: "{value} 不是时长，如 1分30秒、00:01:30 或 90（秒）", en: "{value} is not a duration like 1分30秒, 00:01:30 or 90 (seconds)" },
  chat_not_positive: { zh: "{value}：有接待的客服，这一项须大于 0", en: "{value} must be more than 0 for an agent who served chats" },
  chat_implausible: {
    zh: "{receptions} 个接待 × {handle}，在线“{online}”，相当于同时接待超过 {maximum} 个：单位对吗（如 8小时30分、08:30:00，或表头写 在线总时长(小时)）？",
    en: '{receptions} chats × {handle} in "{online}" online is more than {maximum} chats at once; is the unit right (e.g. 8小时30分, 08:30:00, or a header 在线总时长(小时))?',
  },
  chat_no_rows: { zh: "文件中没有有接待的客服", en: "the file has no agent who served chats" },
  chat_no_agents: { zh: "没有有接待的客服", en: "no agent who served chats" },
  chat_aht_out_of_range: {
    zh: "按报表算出的单会话接待时长为 {aht} 秒，不在 0–{maximum} 秒内：请检查 平均接待时长 的单位",
    en: "the report gives a handle time at one chat of {aht} s, outside 0–{maximum} s; check 平均接待时长's unit",
  },
  chat_no_service_target: {
    zh: "{queue}队列还没有服务目标：请先选择服务水平方法并填写目标（首响秒数、服务水平）",
    en: "the {queue} queue has no service target; set the service-level method and its target (first-response seconds, service level) first",
  },
  // plan fields and refinements
  not_time_zone: { zh: "不是 IANA 时区，如 Asia/Shanghai", en: "not an IANA time zone, e.g. Asia/Shanghai" },
  local_date_time: { zh: "应为本地日期时间，如 2026-11-10T00:00（不带时区，按方案时区）", en: "expected a local date-time like 2026-11-10T00:00 (no offset: the plan's zone applies)" },
  local_grid_time: { zh: "应为方案时段网格上的本地时间，如 2026-11-11T00:30", en: "a local date-time on the plan's grid, e.g. 2026-11-11T00:30" },
  plan_id_format: { zh: "只能用字母、数字、- 或 _（最多 40 个）", en: "letters, digits, - or _ (at most 40)" },
  record_id_format: { zh: "编号应为不带前导零的正整数，如 12", en: "an id is a positive whole number written plainly, e.g. 12" },
  record_id_too_big: { zh: "编号最大为 9007199254740991", en: "an id is at most 9007199254740991" },
  control_character: { zh: "含有控制字符", en: "has a control character" },
  "invalid_format.datetime": { zh: "应为带时区的 ISO 日期时间，如 2026-11-10T00:00:00+08:00", en: "an ISO date-time with offset, e.g. 2026-11-10T00:00:00+08:00" },
  end_after_start: { zh: "须晚于 {start}", en: "must be after {start}" },
  window_too_long: { zh: "时段最长 {maximum} 天", en: "the window may span at most {maximum} days" },
  window_whole_intervals: { zh: "时段长度须为 {interval} 分钟的整数倍", en: "the window must be a whole number of {interval}-minute intervals" },
  window_not_on_hour: { zh: "要与按小时的去年数据对比，时段须从整点开始、在整点结束", en: "to compare with hourly history the window must start and end on the hour" },
  lag_shares_sum: { zh: "各天占比之和须为 1", en: "lag shares must sum to 1" },
  positive_weight: { zh: "至少要有一个大于 0 的权重", en: "needs a positive weight" },
  unique_profile_ids: { zh: "招聘类型的编号不能重复", en: "profile ids must be unique" },
  service_required: { zh: "选择服务水平方法时必填", en: 'required when requirement.method is "service-level"' },
  aht_required: { zh: "必填（除非在多会话设置里给出各并发数的处理时长）", en: "required unless chat gives the handle times" },
  aht_list_length: { zh: "需要 {count} 个处理时长（最大并发数），每个并发数一个", en: "needs maxParallel ({count}) handle times, one per chats held" },
  aht_non_decreasing: { zh: "不能小于前一个（同时接待越多，处理时长不会更短）", en: "must not be less than the one before (handle time does not fall with more chats held)" },
  max_parallel_required: {
    zh: "必填（除非并发按千牛规则给出：sessionMin、repliesPerMin、questionsPerSession）",
    en: "required unless concurrency is a Qianniu rule (sessionMin, repliesPerMin, questionsPerSession)",
  },
  rule_too_few_chats: { zh: "按此规则每位客服同时接待不到 1 个", en: "the rule gives fewer than 1 chat per agent" },
  rule_too_many_chats: { zh: "按此规则每位客服同时接待 {chats} 个，最多 {maximum} 个", en: "the rule gives {chats} chats per agent; at most {maximum}" },
  rule_parallel_too_many: {
    zh: "按千牛规则每位客服同时接待 {parallel} 个：请填写最大并发数（最多 {maximum}）",
    en: "the Qianniu rule gives {parallel} chats per agent; give maxParallel (at most {maximum})",
  },
  break_window_order: { zh: "window[0] 不能大于 window[1]", en: "window[0] must not exceed window[1]" },
  erlang_search_cap: { zh: "这个接待量需要的客服超过计算上限 {maximum} 人", en: "this load needs more agents than the search's cap of {maximum}" },
  peak_band_outside: { zh: "须与方案时段有重叠", en: "must overlap the plan's window" },
  now_not_interval: {
    zh: "{value} 不是方案时段内某个时段的开始（{first} … {last}，每 {interval} 分钟）",
    en: "{value} is not an interval start of the plan's window ({first} … {last}, every {interval} min)",
  },
  // curves
  not_date_time: { zh: "{value} 不是有效的日期时间", en: "not a date-time: {value}" },
  curve_no_weight: { zh: "曲线在时段内没有任何权重", en: "the curve has no weight inside the window" },
  curve_unknown_builtin: { zh: "没有内置曲线“{id}”；现有：{known}", en: 'unknown built-in curve "{id}"; known: {known}' },
  curve_outside_builtin: { zh: "内置曲线“{id}”覆盖 {span}，方案时段须在其中", en: 'the built-in curve "{id}" covers {span}; the window must lie inside it' },
  curve_values_length: {
    zh: "{count} 个 {interval} 分钟的值覆盖 {covered} 分钟，而方案时段是 {window} 分钟",
    en: "{count} values of {interval} min cover {covered} min; the window is {window} min",
  },
  curve_shares_sum: { zh: "占比之和须为 1（现为 {sum}）；如要自动换算，请改填数量", en: "shares must sum to 1 (they sum to {sum}); give counts instead to have them scaled" },
  // load and shift design
  load_too_many_arrivals: {
    zh: "{queue}在 {at} 有 {arrivals} 个接待，每个时段最多 {maximum} 个：请降低销售目标，或检查客单价、饱和接待量和处理时长",
    en: "{queue} receives {arrivals} chats at {at}; at most {maximum} per interval: lower chain.salesTargetYuan or check the order values, capacity and handle times",
  },
  load_too_many_agents: {
    zh: "{queue}在 {at} 至少需要 {agents} 名客服，每个时段最多 {maximum} 名：请降低销售目标，或检查客单价、饱和接待量和处理时长",
    en: "{queue} needs at least {agents} agents at {at}; at most {maximum} per interval: lower chain.salesTargetYuan or check the order values, capacity and handle times",
  },
  load_search_too_big: {
    zh: "服务水平的计算量超出单个方案的上限（{work} 个客服·时段，最多 {maximum}）：请缩短时段或用更粗的时段粒度，或降低销售目标",
    en: "the plan's service-level requirement is larger than one plan may compute ({work} agent-intervals; at most {maximum}); shorten the window or use a coarser interval",
  },
  multiple_of_interval: { zh: "须为时段长度（{interval} 分钟）的整数倍", en: "must be a multiple of intervalMinutes ({interval})" },
  shift_length_intervals: { zh: "{hours} 小时不是 {interval} 分钟时段的整数倍", en: "{hours} h is not a whole number of {interval}-minute intervals" },
  on_interval_grid: { zh: "须落在 {interval} 分钟的时段网格上", en: "must lie on the {interval}-minute interval grid" },
  whole_intervals: { zh: "须为 {interval} 分钟时段的整数倍", en: "must be a whole number of {interval}-minute intervals" },
  shift_outside_window: { zh: '班次须在 {minutes} 分钟的时段内（或设置 "cyclic": true）', en: 'the shift must lie inside the {minutes}-minute window (or set "cyclic": true)' },
  break_outside_shift: { zh: "休息须在所属班次内，且落在时段网格上", en: "a break must lie inside its shift, on the interval grid" },
  too_many_shifts: {
    zh: "这些班长、每 {step} 分钟一个开始时间和休息位置共生成 {count} 个班次，最多 {maximum} 个：请减少班长或加大开始时间间隔",
    en: "these lengths, starts every {step} min and break places make {count} shifts; at most {maximum}: use fewer lengths or a coarser shift start step",
  },
  design_needs_shifts: { zh: "请给出班长（自动生成班次）或班次模板，或两者都给", en: "give shift lengths (a generated grid) or templates, or both" },
  design_too_long: { zh: "{count} 个 {interval} 分钟时段共 {days} 天，最多 {maximum} 天", en: "{count} intervals of {interval} min span {days} days; at most {maximum}" },
};

const QUEUE = { presales: { zh: "售前", en: "pre-sales" }, aftersales: { zh: "售后", en: "after-sales" } };

/** Params that number a line or a year, shown without thousands separators. */
const NUMBERED = new Set(["line", "first", "second", "year", "planYear"]);

/**
 * The issue's text in `lang` ("zh" or "en"). `options.percent` shows number limits as percent
 * (a field the page shows as 35 for 0.35); `options.format` formats numbers (default: thousands
 * separators). Params fill the sentence's `{placeholders}`: numbers formatted, lists joined,
 * queue names said in `lang`, any other value as it is.
 */
export function issueText(issue, lang = "zh", options = {}) {
  const key = keyOf(issue);
  const entry = key && TEXT[key];
  if (!entry) return issue.message;
  const p = issue.params ?? {};
  const format = options.format ?? ((n) => n.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 6 }));
  const number = (n) => (options.percent ? `${format(n * 100)} %` : format(n));
  const list = (values) => values.map(String).join(lang === "zh" ? "、" : ", ");
  const value = (name) => {
    const v = p[name];
    if (NUMBERED.has(name)) return v; // a line number or year reads as the file and the path spell it: 12346, not 12,346
    if (name === "maximum" || name === "minimum") return typeof v === "number" ? number(v) : v;
    if (name === "expected") return TYPE[v]?.[lang] ?? v;
    if (name === "queue") return QUEUE[v]?.[lang] ?? v;
    if (Array.isArray(v)) return list(v);
    return typeof v === "number" ? format(v) : v;
  };
  return entry[lang].replace(/\{(\w+)\}/g, (_, name) => String(value(name) ?? ""));
}

/**
 * An issue's path in `lang`: in Chinese a CSV location reads "第 3 行，第 2 列（技能）" and a file
 * "文件"; field paths ("chain.salesTargetYuan", "rows.2.start") stay as they are. A prefix naming
 * the file or flag ("staffCsv: line 3") is kept.
 */
export function pathText(path, lang = "zh") {
  if (lang !== "zh") return path;
  return path
    .replace(/\bline (\d+), column (\d+) \((.*)\)$/, "第 $1 行，第 $2 列（$3）")
    .replace(/\blines (\d+) and (\d+)\b/g, "第 $1 行和第 $2 行")
    .replace(/\bline (\d+)\b/g, "第 $1 行")
    .replace(/(^|: )(?:csv|file)$/, "$1文件")
    .replace(/^\(more\)$/, "（其余）")
    .replace(/^\(root\)$/, "（整体）");
}

function keyOf(issue) {
  const p = issue.params ?? {};
  switch (issue.code) {
    case "too_big":
    case "too_small": {
      if (issue.code === "too_small" && p.origin === "string" && p.minimum === 1) return "empty";
      if (p.origin === "number" || p.origin === "int" || p.origin === "bigint") return `${issue.code}.number${p.inclusive === false ? ".exclusive" : ""}`;
      if (p.origin === "string" || p.origin === "array") return `${issue.code}.${p.origin}`;
      return undefined;
    }
    case "invalid_format":
      return p.format === "datetime" ? "invalid_format.datetime" : issue.code;
    default:
      return issue.code;
  }
}
