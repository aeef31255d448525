// The roster as a timeline: one row per person (name, kind, hours, longest stretch), their
// shifts as bars coloured by queue with meal breaks cut out, the peak band shaded and day
// boundaries marked. Plain SVG: a few hundred rows draw at once.
import { COLORS, localLabel } from "./charts.js";
import { formatNumber, t } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 18;
const HEAD = 26;
const LEFT = 250;
const PX_PER_HOUR = 10;
const HOUR = 3_600_000;

function el(name, attrs = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * Draws the people who pass `filter` ({queue, kind}: "all" or a value) into `container`;
 * a stretch longer than `maxDutyHours` (the plan's rule) is marked. Returns how many rows were drawn.
 */
export function drawGantt(container, roster, staffing, filter, maxDutyHours) {
  const startMs = Date.parse(staffing.intervals[0].start);
  const lastInterval = staffing.intervals.at(-1).start;
  const endMs = Date.parse(lastInterval) + staffing.intervalMin * 60_000;
  const x = (ms) => LEFT + ((ms - startMs) / HOUR) * PX_PER_HOUR;
  const width = x(endMs) + 10;

  const byPerson = new Map();
  for (const shift of roster.shifts) {
    if (!byPerson.has(shift.personId)) byPerson.set(shift.personId, []);
    byPerson.get(shift.personId).push(shift);
  }
  const people = roster.people.filter((p) => {
    const shifts = byPerson.get(p.id) ?? [];
    return (filter.kind === "all" || p.kind === filter.kind) && (filter.queue === "all" || shifts.some((s) => s.queue === filter.queue));
  });

  const height = HEAD + people.length * ROW + 4;
  const svg = el("svg", { width, height, class: "gantt", role: "img" });

  // Peak band and day boundaries behind everything.
  const band = staffing.peakBand;
  svg.append(el("rect", { x: x(Date.parse(band.start)), y: 0, width: x(Date.parse(band.end)) - x(Date.parse(band.start)), height, fill: COLORS.peak }));
  for (const row of staffing.intervals) {
    const ms = Date.parse(row.start);
    const clock = row.start.slice(11, 16);
    if (clock === "00:00") {
      svg.append(el("line", { x1: x(ms), x2: x(ms), y1: 0, y2: height, stroke: COLORS.day, "stroke-dasharray": "4 3" }));
      svg.append(el("text", { x: x(ms) + 3, y: 11, class: "gantt-day" }, row.start.slice(5, 10)));
    }
    if (clock.endsWith(":00") && Number(clock.slice(0, 2)) % 6 === 0) {
      svg.append(el("text", { x: x(ms) + 2, y: HEAD - 4, class: "gantt-hour" }, clock.slice(0, 2)));
    }
  }
  const header = [
    [4, t("roster.col.name")],
    [112, t("roster.col.kind")],
    [160, t("roster.col.hours")],
    [200, t("roster.col.stretch")],
  ];
  for (const [hx, label] of header) svg.append(el("text", { x: hx, y: HEAD - 4, class: "gantt-head" }, label));

  people.forEach((person, i) => {
    const y = HEAD + i * ROW;
    const g = el("g", { class: "gantt-row", "data-person": person.id });
    if (i % 2 === 1) g.append(el("rect", { x: 0, y, width, height: ROW, class: "gantt-stripe" }));
    g.append(el("text", { x: 4, y: y + 13 }, person.name));
    g.append(el("text", { x: 112, y: y + 13 }, t(`kind.${person.kind}`)));
    g.append(el("text", { x: 190, y: y + 13, "text-anchor": "end" }, formatNumber(person.hours, 1)));
    g.append(el("text", { x: 240, y: y + 13, "text-anchor": "end", class: person.longestStretchHours > maxDutyHours ? "gantt-bad" : "" }, `${formatNumber(person.longestStretchHours, 1)} h`));
    for (const shift of byPerson.get(person.id) ?? []) {
      const s = Date.parse(shift.start);
      const e = Date.parse(shift.end);
      const bar = el("rect", { x: x(s), y: y + 3, width: Math.max(1, x(e) - x(s)), height: ROW - 6, rx: 2, fill: COLORS[shift.queue], class: "gantt-shift" });
      const breaks = shift.breaks.map((b) => `${localLabel(b.start).slice(6)}–${localLabel(b.end).slice(6)}`).join(", ");
      bar.append(el("title", {}, `${person.name} · ${t(`queue.${shift.queue}`)} · ${localLabel(shift.start)} – ${localLabel(shift.end)}${breaks ? ` · ${t("roster.break")} ${breaks}` : ""}`));
      g.append(bar);
      for (const b of shift.breaks) {
        const bs = Date.parse(b.start);
        const be = Date.parse(b.end);
        g.append(el("rect", { x: x(bs), y: y + 5, width: Math.max(1, x(be) - x(bs)), height: ROW - 10, class: "gantt-break" }));
      }
    }
    svg.append(g);
  });
  container.replaceChildren(svg);
  return people.length;
}
