// The page talks to the server only over HTTP: it lists the saved plans and shows one.
const $ = (id) => document.getElementById(id);
const number = (x, digits = 0) => x.toLocaleString("zh-CN", { maximumFractionDigits: digits });
let chart;

async function getJson(path) {
  const res = await fetch(path);
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return res.json();
}

function showChain(chain) {
  const rows = [
    ["店铺销售额 × 客服销售占比 = 客服销售额", chain.csSalesYuan, "元"],
    ["÷ 客服客单价 = 客服销售人数", chain.csBuyers, ""],
    ["÷ 询单转化率 = 售前客服总接待量", chain.presalesReceptions, ""],
    ["× (1 − 店小蜜解决率) = 人工接待量", chain.humanReceptions, ""],
    [`÷ 客服饱和接待量 ${number(chain.saturationPerAgentDay)}`, chain.agentsExact, "人"],
  ];
  $("chain").replaceChildren(
    ...rows.map(([label, value, unit]) => row(label, `${number(value, 2)} ${unit}`)),
    row("客服人数 (日均) Agents, daily average", `${chain.agents} 人`, "result"),
  );
}

function row(label, value, cls) {
  const tr = document.createElement("tr");
  if (cls) tr.className = cls;
  const a = document.createElement("td");
  a.textContent = label;
  const b = document.createElement("td");
  b.className = "num";
  b.textContent = value;
  tr.append(a, b);
  return tr;
}

function showRequirement(result) {
  const labels = result.intervals.map((r) => r.start.slice(5, 16).replace("T", " "));
  const peak = result.summary.presales.peak;
  $("peak").textContent =
    `高峰 ${peak.start.slice(5, 16).replace("T", " ")} 需售前 ${peak.scheduledAgents} 人 — 日均人数 ${result.chain.agents} 人低估了高峰。` +
    ` Peak needs ${peak.scheduledAgents} pre-sales agents; the daily average understates it.`;
  chart?.destroy();
  chart = new Chart($("requirement"), {
    type: "line",
    data: {
      labels,
      datasets: [
        { label: "售前 Pre-sales", data: result.intervals.map((r) => r.presales.scheduledAgents), borderColor: "#b91c1c", stepped: true, pointRadius: 0 },
        { label: "售后 After-sales", data: result.intervals.map((r) => r.aftersales.scheduledAgents), borderColor: "#2563eb", stepped: true, pointRadius: 0 },
      ],
    },
    options: { maintainAspectRatio: false, interaction: { mode: "index", intersect: false }, scales: { y: { title: { display: true, text: "人 agents" } } } },
  });
}

async function showPlan(id) {
  const plan = await getJson(`/api/plans/${id}`);
  showChain(plan.result.chain);
  showRequirement(plan.result);
}

const plans = await getJson("/api/plans");
$("plan").replaceChildren(...plans.map((p) => new Option(p.name, p.id)));
$("plan").addEventListener("change", (e) => showPlan(e.target.value));
if (plans.length > 0) await showPlan(plans[0].id);
