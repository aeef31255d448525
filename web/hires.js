/**
 * Adds the hiring answer's people to a staff CSV, in the CSV's own columns and language, so
 * the manager can solve again with them (the page's "add these hires" button).
 */

/** The staff CSV's column names, English and Chinese: the same as the server's STAFF_COLUMNS (src/domain/staff.ts; a test keeps them equal). */
export const COLUMNS = {
  id: ["id", "工号"],
  name: ["name", "姓名"],
  subAccount: ["subAccount", "子账号"],
  skills: ["skills", "技能"],
  kind: ["kind", "类型"],
  trained: ["trained", "已培训"],
  availability: ["availability", "可排时段"],
  maxHours: ["maxHours", "最长工时"],
};
const ZH = { presales: "售前", aftersales: "售后", fulltime: "全职", temp: "临时", support: "支援" };

/** `csv` with one more row per person in `people` (the API's Person: availability in epoch ms). */
export function withHires(csv, people) {
  const text = csv.replace(/^\uFEFF/, "");
  const newline = text.includes("\r\n") ? "\r\n" : "\n";
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1).trim() === "") lines.pop();
  const header = lines[0].split(",").map((h) => h.trim());
  const chinese = header.includes("工号");
  const columnOf = (field) => header.findIndex((h) => COLUMNS[field].includes(h));
  if (columnOf("availability") < 0) {
    // Hires are available only in their profile's windows: the column must be there.
    header.push(chinese ? "可排时段" : "availability");
    lines[0] = header.join(",");
    for (let i = 1; i < lines.length; i++) lines[i] += ",";
  }
  const word = (value) => (chinese ? (ZH[value] ?? value) : value);
  for (const p of people) {
    const cells = new Array(header.length).fill("");
    const set = (field, value) => {
      const index = columnOf(field);
      if (index >= 0) cells[index] = value;
    };
    set("id", p.id);
    set("name", p.name);
    set("subAccount", p.subAccount);
    set("skills", p.skills.map(word).join("|"));
    set("kind", word(p.kind));
    set("trained", chinese ? "是" : "yes");
    set("availability", p.availability.map((w) => `${new Date(w.startMs).toISOString()}/${new Date(w.endMs).toISOString()}`).join(";"));
    set("maxHours", String(p.maxHours));
    lines.push(cells.join(","));
  }
  return `${lines.join(newline)}${newline}`;
}
