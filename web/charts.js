// chart.js views: coverage against the requirement (with the peak band, day boundaries and
// the shortfall), two scenarios overlaid, and the night's receptions and agents around "now".
// Times are the plan's own (the ISO strings the API returns carry the plan zone's offset), so
// the axis reads in the plan's zone.
import { formatNumber, t } from "./i18n.js";

const { Chart } = window;
Chart.register(window["chartjs-plugin-annotation"]);

export const COLORS = {
  presales: "#c2410c",
  presalesFill: "rgba(234, 88, 12, 0.18)",
  aftersales: "#1d4ed8",
  aftersalesFill: "rgba(37, 99, 235, 0.16)",
  shortfall: "#dc2626",
  peak: "rgba(250, 204, 21, 0.18)",
  day: "rgba(71, 85, 105, 0.55)",
};

/** "11-10 20:00" from an ISO string with offset (the plan's local time). */
export const localLabel = (iso) => `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;

function dayLines(starts) {
  const lines = {};
  starts.forEach((iso, i) => {
    if (i > 0 && iso.slice(11, 16) === "00:00") {
      lines[`day${i}`] = {
        type: "line",
        xMin: i - 0.5,
        xMax: i - 0.5,
        borderColor: COLORS.day,
        borderWidth: 1,
        borderDash: [4, 4],
        label: { display: true, content: iso.slice(5, 10), position: "start", backgroundColor: "rgba(71, 85, 105, 0.8)", font: { size: 10 } },
      };
    }
  });
  return lines;
}

function peakBox(band) {
  return {
    type: "box",
    xMin: band.fromIndex - 0.5,
    xMax: band.toIndex - 0.5,
    backgroundColor: COLORS.peak,
    borderWidth: 0,
    label: { display: true, content: t("chart.peak"), position: { x: "center", y: "start" }, color: "#854d0e", font: { weight: "bold" } },
  };
}

/**
 * A chart over the plan's intervals (`starts`, ISO): the page's common look — no animation,
 * one tooltip for all series at an index, the legend below, day boundaries marked — plus the
 * chart's own axes, tooltip and annotations.
 */
function timeChart(canvas, starts, datasets, { scales, tooltip = {}, annotations = {} }) {
  return new Chart(canvas, {
    data: { labels: starts.map(localLabel), datasets },
    options: {
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: "index", intersect: false },
      scales: { x: { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 24 } }, ...scales },
      plugins: { legend: { position: "bottom" }, tooltip, annotation: { annotations: { ...annotations, ...dayLines(starts) } } },
    },
  });
}

const stepped = (label, data, color, fill) => ({
  type: "line",
  label,
  data,
  borderColor: color,
  backgroundColor: fill ?? color,
  borderWidth: fill ? 1 : 2,
  fill: fill ? "origin" : false,
  stepped: "middle",
  pointRadius: 0,
  order: fill ? 3 : 1,
});

/**
 * Required agents per queue, and (when a roster is given) rostered agents and the shortfall,
 * over the staffing result's intervals.
 */
export function drawCoverage(canvas, previous, staffing, roster) {
  previous?.destroy();
  const starts = staffing.intervals.map((r) => r.start);
  const datasets = [
    stepped(
      t("chart.requiredPre"),
      staffing.intervals.map((r) => r.presales.scheduledAgents),
      COLORS.presales,
    ),
    stepped(
      t("chart.requiredAfter"),
      staffing.intervals.map((r) => r.aftersales.scheduledAgents),
      COLORS.aftersales,
    ),
  ];
  if (roster) {
    datasets.push(
      stepped(
        t("chart.rosteredPre"),
        roster.coverage.map((c) => c.presales.rostered),
        COLORS.presales,
        COLORS.presalesFill,
      ),
      stepped(
        t("chart.rosteredAfter"),
        roster.coverage.map((c) => c.aftersales.rostered),
        COLORS.aftersales,
        COLORS.aftersalesFill,
      ),
      {
        type: "bar",
        label: t("chart.shortfall"),
        data: roster.coverage.map((c) => c.presales.shortfall + c.aftersales.shortfall),
        backgroundColor: COLORS.shortfall,
        barPercentage: 1,
        categoryPercentage: 1,
        order: 0,
      },
    );
  }
  return timeChart(canvas, starts, datasets, {
    scales: { y: { beginAtZero: true, title: { display: true, text: t("chart.agents") } } },
    tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${formatNumber(item.parsed.y, 2)}` } },
    annotations: { peak: peakBox(staffing.peakBand) },
  });
}

/** Two scenarios' total requirement (and rostered agents, when solved), aligned by interval. */
export function drawComparison(canvas, previous, sides) {
  previous?.destroy();
  const longest = sides.reduce((a, b) => (b.plan.result.intervals.length > a.plan.result.intervals.length ? b : a));
  const palette = [
    ["#7c3aed", "rgba(124, 58, 237, 0.15)"],
    ["#059669", "rgba(5, 150, 105, 0.15)"],
  ];
  const datasets = sides.flatMap((side, i) => {
    const [color, fill] = palette[i];
    const list = [
      stepped(
        t("compare.required", { scenario: side.tag }),
        side.plan.result.intervals.map((r) => r.presales.scheduledAgents + r.aftersales.scheduledAgents),
        color,
      ),
    ];
    if (side.roster) {
      list.push(
        stepped(
          t("compare.rostered", { scenario: side.tag }),
          side.roster.result.coverage.map((c) => c.presales.rostered + c.aftersales.rostered),
          color,
          fill,
        ),
      );
    }
    return list;
  });
  return timeChart(
    canvas,
    longest.plan.result.intervals.map((r) => r.start),
    datasets,
    {
      scales: { y: { beginAtZero: true, title: { display: true, text: t("chart.agents") } } },
      annotations: { peak: peakBox(sides[0].plan.result.peakBand) },
    },
  );
}

/**
 * Last year against this year, hour by hour: receptions on the left axis (last year grey,
 * this year's forecast purple), agents on the right (last year grey dashed, this year's
 * requirement and roster in the queue colours), and the hours thinner than last year shaded red.
 */
export function drawYearOnYear(canvas, previous, comparison) {
  previous?.destroy();
  const hours = comparison.hours;
  const onAgents = (dataset) => ({ ...dataset, yAxisID: "agents" });
  const datasets = [
    {
      ...stepped(
        t("history.chart.lastReceptions"),
        hours.map((h) => h.lastYear.receptions),
        "#94a3b8",
      ),
      yAxisID: "receptions",
    },
    {
      ...stepped(
        t("history.chart.thisReceptions"),
        hours.map((h) => h.thisYear.receptions),
        "#7c3aed",
      ),
      yAxisID: "receptions",
    },
    onAgents({
      ...stepped(
        t("history.chart.lastAgents"),
        hours.map((h) => h.lastYear.agents),
        "#475569",
      ),
      borderDash: [5, 4],
    }),
    onAgents(
      stepped(
        t("history.chart.requiredAgents"),
        hours.map((h) => h.thisYear.requiredAgents),
        COLORS.presales,
      ),
    ),
  ];
  if (comparison.agentsBasis === "roster") {
    datasets.push(
      onAgents(
        stepped(
          t("history.chart.rosteredAgents"),
          hours.map((h) => h.thisYear.rosteredAgents),
          COLORS.aftersales,
          COLORS.aftersalesFill,
        ),
      ),
    );
  }
  const risks = {};
  hours.forEach((h, i) => {
    if (!h.thinner) return;
    risks[`risk${i}`] = { type: "box", xMin: i - 0.5, xMax: i + 0.5, backgroundColor: "rgba(220, 38, 38, 0.14)", borderWidth: 0 };
  });
  return timeChart(
    canvas,
    hours.map((h) => h.start),
    datasets,
    {
      scales: {
        receptions: { position: "left", beginAtZero: true, title: { display: true, text: t("history.chart.receptions") } },
        agents: { position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: t("history.chart.agents") } },
      },
      tooltip: {
        callbacks: {
          label: (item) => `${item.dataset.label}: ${item.parsed.y === null ? "—" : formatNumber(item.parsed.y, 1)}`,
          afterBody: (items) => (hours[items[0]?.dataIndex]?.thinner ? t("history.chart.risk") : ""),
        },
      },
      annotations: risks,
    },
  );
}

/** A vertical line before interval `index`, labelled at the foot: the night's "now". */
function nowLine(index, content) {
  return {
    type: "line",
    xMin: index - 0.5,
    xMax: index - 0.5,
    borderColor: "#7c3aed",
    borderWidth: 2,
    label: { display: true, content, position: "end", backgroundColor: "#7c3aed", font: { size: 11 } },
  };
}

/**
 * The night's receptions for one queue over `rows` (the re-forecast's intervals): the plan's
 * forecast (grey, dashed), the actuals so far (the queue's colour) and the re-forecast from
 * `nowAt` (the index of now in `rows`) on.
 */
export function drawNightReceptions(canvas, previous, rows, queue, nowAt) {
  previous?.destroy();
  const cells = rows.map((r) => r[queue]);
  const datasets = [
    {
      ...stepped(
        t("night.chart.forecast"),
        cells.map((c) => c.forecast),
        "#94a3b8",
      ),
      borderDash: [5, 4],
    },
    stepped(
      t("night.chart.actual"),
      cells.map((c) => c.actual),
      COLORS[queue],
    ),
    stepped(
      t("night.chart.reforecast"),
      cells.map((c, i) => (i >= nowAt ? c.reforecast : null)),
      "#7c3aed",
    ),
  ];
  return timeChart(
    canvas,
    rows.map((r) => r.start),
    datasets,
    {
      scales: { y: { beginAtZero: true, title: { display: true, text: t("night.chart.perInterval") } } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y === null ? "—" : formatNumber(item.parsed.y)}` } },
      annotations: { now: nowLine(nowAt, t("night.chart.now", { time: rows[nowAt]?.start.slice(11, 16) ?? "" })) },
    },
  );
}

/**
 * One queue's agents over `rows`: the plan's requirement (grey), the re-forecast's, and from
 * now on the agents rostered before the re-plan (dashed) and after it (solid, filled).
 * `coverage[i]` is the re-plan's coverage row for `rows[i]`, or null before now.
 */
export function drawNightCoverage(canvas, previous, rows, coverage, queue, nowAt) {
  previous?.destroy();
  const datasets = [
    {
      ...stepped(
        t("night.chart.requiredPlan"),
        rows.map((r) => r[queue].requiredBefore),
        "#94a3b8",
      ),
      borderWidth: 1,
    },
    stepped(
      t("night.chart.required"),
      rows.map((r) => r[queue].required),
      "#7c3aed",
    ),
    {
      ...stepped(
        t("night.chart.before"),
        coverage.map((c) => c?.[queue].before ?? null),
        COLORS[queue],
      ),
      borderDash: [6, 4],
    },
    stepped(
      t("night.chart.after"),
      coverage.map((c) => c?.[queue].after ?? null),
      COLORS[queue],
      COLORS[`${queue}Fill`],
    ),
  ];
  return timeChart(
    canvas,
    rows.map((r) => r.start),
    datasets,
    {
      scales: { y: { beginAtZero: true, title: { display: true, text: t("chart.agents") } } },
      tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.parsed.y === null ? "—" : formatNumber(item.parsed.y, 1)}` } },
      annotations: { now: nowLine(nowAt, t("night.chart.now", { time: rows[nowAt]?.start.slice(11, 16) ?? "" })) },
    },
  );
}
