// eventdesk's page: plain JavaScript and SVG, no library, nothing fetched from elsewhere.
// Every piece of text from the database goes into the page as a text node (never as HTML).
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
  "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const STATUSES = ["occurred", "planned", "disputed", "denied", "hypothetical", "negated", "all"];
const FILTERS = ["actor", "dyad", "type", "status", "since", "until"];
const SVG = "http://www.w3.org/2000/svg";

// -- building the page from text ----------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  setAttrs(el, attrs);
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

function setAttrs(el, attrs) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(key)) throw new Error("no inline handlers");
    el.setAttribute(key, String(value));
  }
}

function safeUrl(url) {
  // only web addresses become links: a javascript: or data: URL in a document stays text
  return /^https?:\/\//i.test(url || "") ? url : null;
}

function route(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v) query.set(k, v);
  const qs = query.toString();
  return "#" + path + (qs ? "?" + qs : "");
}

function enc(part) { return encodeURIComponent(part); }

async function api(path, params) {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== undefined && v !== null && v !== "") query.set(k, v);
  const qs = query.toString();
  const response = await fetch(path + (qs ? "?" + qs : ""), {headers: {Accept: "application/json"}});
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || body.title || ("HTTP " + response.status));
  return body;
}

function who(actor) {
  if (!actor) return "";
  return actor.name + (actor.country ? " (" + actor.country + ")" : "");
}

function statusBadge(status) {
  return h("span", {class: "status status-" + status}, status);
}

function show(...nodes) {
  const main = document.getElementById("main");
  main.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined));
}

function failure(error) {
  show(h("p", {class: "error", role: "alert"}, "Could not load: " + error.message));
}

// -- the filter form ------------------------------------------------------------------------------------

function setupForm() {
  const form = document.getElementById("filters");
  for (const t of TYPES) form.type.append(h("option", {value: t}, t));
  for (const st of STATUSES) form.status.append(h("option", {value: st}, st));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const params = {};
    for (const name of FILTERS) params[name] = form[name].value.trim();
    const current = parseHash();
    location.hash = route(current.path === "/network" ? "/network" : "/", params);
  });
  let pending = null;
  form.actor.addEventListener("input", () => {
    clearTimeout(pending);
    const text = form.actor.value.trim();
    if (text.length < 2) return;
    pending = setTimeout(async () => {
      try {
        const found = await api("/api/actors", {q: text, limit: 10});
        document.getElementById("actor-names").replaceChildren(
          ...found.actors.map((a) => h("option", {value: a.name}, who(a))));
      } catch (error) { /* suggestions are optional */ }
    }, 200);
  });
}

function fillForm(params) {
  const form = document.getElementById("filters");
  for (const name of FILTERS) form[name].value = params[name] || "";
}

// -- views ----------------------------------------------------------------------------------------------

function eventRow(e) {
  const arrow = e.symmetric ? " \u2194 " : " \u2192 ";
  const pair = e.source && e.target && e.source.country && e.target.country
    ? h("a", {href: route("/dyad/" + enc(e.source.country) + "/" + enc(e.target.country)),
              title: "Dyad view"}, e.source.country + "\u2013" + e.target.country)
    : "";
  const first = (e.mentions || [])[0] || {};
  return h("tr", {},
    h("td", {class: "date"}, e.date || "undated"),
    h("td", {}, h("a", {href: route("/event/" + enc(e.id)), class: "event-link"}, e.type), " ",
      h("span", {class: "cameo"}, e.cameo)),
    h("td", {}, who(e.source), arrow, who(e.target)),
    h("td", {}, statusBadge(e.status), e.denied_by && e.denied_by.length ? h("span", {class: "disputed"}, " denied") : ""),
    h("td", {class: "num"}, String(e.n_mentions) + " in " + e.n_documents),
    h("td", {}, pair),
    h("td", {class: "evidence"}, first.sentence || ""));
}

function eventTable(rows) {
  return h("table", {class: "events"},
    h("thead", {}, h("tr", {}, ["date", "type", "who \u2192 whom", "status", "reports", "dyad", "evidence"]
      .map((c) => h("th", {scope: "col"}, c)))),
    h("tbody", {}, rows.map(eventRow)));
}

async function eventsView(params) {
  fillForm(params);
  const query = {};
  for (const name of FILTERS) query[name] = params[name];
  const page = await api("/api/events", {...query, limit: 50});
  const body = eventTable(page.events);
  const more = h("button", {type: "button", id: "more"}, "More events");
  let next = page.next;
  more.hidden = !next;
  more.addEventListener("click", async () => {
    const following = await api("/api/events", {...query, limit: 50, cursor: next});
    body.querySelector("tbody").append(...following.events.map(eventRow));
    next = following.next;
    more.hidden = !next;
  });
  const pair = (params.dyad || "").split(/[\s,-]+/).filter(Boolean);
  const heading = h("h2", {}, page.events.length ? "Events" : "No events match these filters");
  const dyadLink = pair.length === 2
    ? h("p", {}, h("a", {href: route("/dyad/" + enc(pair[0]) + "/" + enc(pair[1]), {type: params.type,
        status: params.status, since: params.since, until: params.until}), id: "dyad-link"},
        "Dyad view of " + pair[0] + " and " + pair[1] + ": timeline and monthly trend"))
    : null;
  show(heading, dyadLink, body, more);
}

function trendChart(trend) {
  const periods = [...new Set(trend.series.map((p) => p.period))].sort();
  const colours = {};
  trend.directions.forEach((d, i) => { colours[d] = ["dir-ab", "dir-ba", "dir-mutual"][i]; });
  const width = Math.max(360, Math.min(1100, periods.length * 28 + 80));
  const height = 220, left = 40, bottom = 40, top = 10;
  const totals = periods.map((p) => trend.series.filter((x) => x.period === p).reduce((n, x) => n + x.count, 0));
  const max = Math.max(1, ...totals);
  const step = (width - left - 10) / Math.max(1, periods.length);
  const chart = s("svg", {viewBox: `0 0 ${width} ${height}`, role: "img", class: "trend",
    "aria-label": `Events per month between ${trend.a} and ${trend.b}`});
  chart.append(s("line", {x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: "axis"}));
  chart.append(s("text", {x: 4, y: top + 10, class: "tick"}, String(max)));
  periods.forEach((period, i) => {
    let y = height - bottom;
    for (const direction of trend.directions) {
      const cell = trend.series.find((x) => x.period === period && x.direction === direction);
      if (!cell) continue;
      const barHeight = (cell.count / max) * (height - bottom - top);
      y -= barHeight;
      chart.append(s("rect", {x: left + i * step + 2, y, width: Math.max(2, step - 4), height: barHeight,
        class: colours[direction]}, s("title", {}, `${period} ${direction}: ${cell.count} event(s), ` +
        `Goldstein mean ${cell.goldstein_mean}`)));
    }
    if (periods.length <= 24 || i % Math.ceil(periods.length / 24) === 0) {
      chart.append(s("text", {x: left + i * step + step / 2, y: height - bottom + 14, class: "tick",
        "text-anchor": "middle"}, period.slice(2)));
    }
  });
  // the mean Goldstein score of each month (all directions), from -10 (hostile) to +10 (cooperative)
  const span = height - bottom - top;
  const gy = (g) => top + span / 2 - (g / 10) * (span / 2);
  chart.append(s("line", {x1: left, y1: gy(0), x2: width, y2: gy(0), class: "zero"}));
  const points = periods.map((period, i) => {
    const cells = trend.series.filter((x) => x.period === period);
    const total = cells.reduce((n, x) => n + x.count, 0);
    const mean = cells.reduce((g, x) => g + x.goldstein_sum, 0) / Math.max(1, total);
    return [left + i * step + step / 2, gy(mean), mean, period];
  });
  chart.append(s("polyline", {points: points.map(([x, y]) => `${x},${y}`).join(" "), class: "goldstein"}));
  for (const [x, y, mean, period] of points) {
    chart.append(s("circle", {cx: x, cy: y, r: 3, class: "goldstein"},
      s("title", {}, `${period}: mean Goldstein ${mean.toFixed(2)}`)));
  }
  const legend = h("ul", {class: "legend"}, trend.directions.map((d) =>
    h("li", {}, h("span", {class: "swatch " + colours[d]}), d)),
  h("li", {}, h("span", {class: "swatch goldstein"}), "mean Goldstein (line; middle = 0, top = +10)"));
  const rows = trend.series.map((x) => h("tr", {}, h("td", {}, x.period), h("td", {}, x.direction),
    h("td", {class: "num"}, x.count), h("td", {class: "num"}, x.goldstein_mean),
    h("td", {}, Object.entries(x.types).map(([t, n]) => t + " " + n).join(", "))));
  const table = h("details", {}, h("summary", {}, "The numbers"),
    h("table", {}, h("thead", {}, h("tr", {}, ["period", "direction", "events", "Goldstein mean", "types"]
      .map((c) => h("th", {scope: "col"}, c)))), h("tbody", {}, rows)));
  return h("figure", {id: "trend"}, chart, h("figcaption", {}, legend,
    trend.not_placed ? `${trend.not_placed} event(s) dated less precisely than a month are not shown.` : ""), table);
}

async function dyadView(a, b, params) {
  fillForm({...params, dyad: a + " " + b});
  const filters = {type: params.type, status: params.status, since: params.since, until: params.until};
  const [trend, page] = await Promise.all([
    api(`/api/dyads/${enc(a)}/${enc(b)}/trend`, filters),
    api("/api/events", {...filters, dyad: a + " " + b, limit: 200})]);
  const timeline = h("ol", {class: "timeline"}, page.events.map((e) => {
    const first = (e.mentions || [])[0] || {};
    return h("li", {}, h("span", {class: "date"}, e.date || "undated"), " ",
      h("a", {href: route("/event/" + enc(e.id))}, e.type + ": " + who(e.source) + (e.symmetric ? " \u2194 " : " \u2192 ")
        + who(e.target)), " ", statusBadge(e.status), h("blockquote", {}, first.sentence || ""));
  }));
  show(h("h2", {}, `${a} and ${b}`),
    h("p", {}, h("a", {href: route("/network", {dyad: a + " " + b})}, "Network of this dyad")),
    h("h3", {}, "Monthly trend"), trendChart(trend),
    h("h3", {}, "Timeline"), page.events.length ? timeline : h("p", {}, "No events."),
    page.next ? h("p", {}, "Showing the first 200 events.") : null);
}

function highlighted(text, start, end) {
  // the article with the evidence sentence marked, all as text; offsets count code points, as Python does
  const chars = Array.from(text);
  return h("div", {class: "article", tabindex: "0", "aria-label": "Article text"},
    chars.slice(0, start).join(""), h("mark", {}, chars.slice(start, end).join("")), chars.slice(end).join(""));
}

async function eventView(id) {
  const e = await api("/api/events/" + enc(id));
  const docs = {};
  await Promise.all([...new Set(e.mentions.map((m) => m.document))].map(async (d) => {
    try { docs[d] = await api("/api/documents/" + d.split("/").map(enc).join("/")); } catch (err) { docs[d] = null; }
  }));
  const dispute = (e.denied_by && e.denied_by.length) || e.status === "disputed"
    ? h("p", {class: "dispute", role: "note"}, "Disputed. Asserted by: " + (e.asserted_by || []).join("; ")
      + ". Denied by: " + (e.denied_by || []).join("; ") + ".")
    : null;
  const reports = e.mentions.map((m, i) => {
    const doc = docs[m.document];
    const url = doc && safeUrl(doc.url);
    return h("section", {class: "report"},
      h("h3", {}, `Report ${i + 1}: `, doc && doc.title ? doc.title : m.document),
      h("dl", {},
        h("dt", {}, "publisher"), h("dd", {}, m.publisher || (doc && doc.publisher) || "unknown"),
        h("dt", {}, "published"), h("dd", {}, m.published || "unknown"),
        h("dt", {}, "attribution"), h("dd", {}, m.attributed_to || "the article itself"),
        h("dt", {}, "status"), h("dd", {}, statusBadge(m.status)),
        h("dt", {}, "document"), h("dd", {}, url ? h("a", {href: url, rel: "noopener noreferrer"}, m.document)
          : m.document)),
      doc ? highlighted(doc.text, m.start, m.end) : h("blockquote", {}, m.sentence));
  });
  show(h("h2", {}, `${e.type} (CAMEO ${e.cameo}): ${who(e.source)}${e.symmetric ? " \u2194 " : " \u2192 "}${who(e.target)}`),
    h("p", {}, (e.date || "undated") + " \u00b7 ", statusBadge(e.status),
      ` \u00b7 ${e.n_mentions} report(s) in ${e.n_documents} document(s) from ${e.n_publishers} publisher(s)`,
      e.object ? " \u00b7 object: " + e.object : ""),
    dispute, ...reports);
  const mark = document.querySelector("mark");
  if (mark) mark.scrollIntoView({block: "center"});
}

function networkChart(net) {
  const size = 560, radius = 220, centre = size / 2;
  const place = {};
  net.nodes.forEach((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, net.nodes.length) - Math.PI / 2;
    place[n.id] = [centre + radius * Math.cos(angle), centre + radius * Math.sin(angle)];
  });
  const max = Math.max(1, ...net.edges.map((e) => e.events));
  const chart = s("svg", {viewBox: `0 0 ${size} ${size}`, role: "img", class: "network",
    "aria-label": "Who acts on whom"},
  s("defs", {}, s("marker", {id: "head", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 6, markerHeight: 6,
    orient: "auto-start-reverse"}, s("path", {d: "M 0 0 L 10 5 L 0 10 z"}))));
  for (const e of net.edges) {
    const [x1, y1] = place[e.source], [x2, y2] = place[e.target];
    chart.append(s("line", {x1, y1, x2, y2, "marker-end": "url(#head)",
      class: e.goldstein_mean < 0 ? "edge hostile" : "edge friendly", "stroke-width": 1 + 5 * e.events / max},
    s("title", {}, `${e.source} \u2192 ${e.target}: ${e.events} event(s), Goldstein mean ${e.goldstein_mean}`)));
  }
  for (const n of net.nodes) {
    const [x, y] = place[n.id];
    chart.append(s("g", {class: "node"}, s("circle", {cx: x, cy: y, r: 5}),
      s("text", {x, y: y - 9, "text-anchor": "middle"}, n.name || n.id)));
  }
  return chart;
}

async function networkView(params) {
  fillForm(params);
  const query = {};
  for (const name of FILTERS) query[name] = params[name];
  const net = await api("/api/network", {...query, edges: 60});
  const names = Object.fromEntries(net.nodes.map((n) => [n.id, n.name || n.id]));
  const rows = net.edges.map((e) => h("tr", {}, h("td", {}, names[e.source]), h("td", {}, names[e.target]),
    h("td", {class: "num"}, e.events), h("td", {class: "num"}, e.goldstein_mean)));
  show(h("h2", {}, "Who acts on whom"),
    net.edges.length ? networkChart(net) : h("p", {}, "No events match these filters."),
    h("table", {}, h("thead", {}, h("tr", {}, ["source", "target", "events", "Goldstein mean"]
      .map((c) => h("th", {scope: "col"}, c)))), h("tbody", {}, rows)));
}

// -- routing --------------------------------------------------------------------------------------------

function parseHash() {
  const raw = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const [path, qs] = raw.split("?");
  return {path, params: Object.fromEntries(new URLSearchParams(qs || ""))};
}

async function render(moved) {
  const {path, params} = parseHash();
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  try {
    if (parts[0] === "event" && parts[1]) await eventView(parts.slice(1).join("/"));
    else if (parts[0] === "dyad" && parts.length === 3) await dyadView(parts[1], parts[2], params);
    else if (parts[0] === "network") await networkView(params);
    else await eventsView(params);
    document.body.dataset.view = parts[0] || "events";
  } catch (error) {
    failure(error);
  }
  // after a move (not on the first load) the keyboard continues from the new content
  if (moved) document.getElementById("main").focus({preventScroll: parts[0] === "event"});
}

window.addEventListener("DOMContentLoaded", () => {
  setupForm();
  // the skip link moves the keyboard to the content without changing the route
  document.querySelector("a.skip").addEventListener("click", (event) => {
    event.preventDefault();
    document.getElementById("main").focus();
  });
  window.addEventListener("hashchange", () => render(true));
  render(false);
});
