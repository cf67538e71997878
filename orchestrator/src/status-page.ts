/**
 * `GET /status`: one self-contained page (no build step, no external assets) that asks for PASS
 * once, keeps it in this tab's sessionStorage, and reads `GET /status.json` with it as a bearer
 * header — never in the URL. The page itself holds no data, so it needs no auth.
 */
export function statusPage(): Response {
  return new Response(STATUS_HTML, {
    headers: {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "no-store",
      // Only this page's own inline script and style; it talks to its own origin only.
      "content-security-policy":
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
      "referrer-policy": "no-referrer",
      "x-content-type-options": "nosniff",
    },
  });
}

const STATUS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>zen-ai-router · key pool status</title>
<style>
  [hidden] { display: none !important; }
  :root { font-family: system-ui, sans-serif; color: #1d2330; background: #f6f7f9; }
  body { margin: 0 auto; max-width: 1100px; padding: 24px; }
  h1 { font-size: 20px; margin: 0 0 4px; }
  .muted { color: #5d6675; font-size: 13px; }
  form, .bar { display: flex; gap: 8px; align-items: center; margin: 16px 0; flex-wrap: wrap; }
  input[type=password] { padding: 6px 8px; width: 280px; border: 1px solid #b9c0cc; border-radius: 6px; }
  button { padding: 6px 12px; border: 1px solid #3a5bd9; background: #3a5bd9; color: white; border-radius: 6px; cursor: pointer; }
  button.secondary { background: white; color: #3a5bd9; }
  .totals { display: flex; gap: 10px; flex-wrap: wrap; margin: 12px 0; }
  .total { background: white; border: 1px solid #dde1e8; border-radius: 8px; padding: 8px 12px; min-width: 90px; }
  .total b { display: block; font-size: 20px; }
  section { background: white; border: 1px solid #dde1e8; border-radius: 8px; margin: 12px 0; padding: 12px 16px; }
  h2 { font-size: 15px; margin: 0 0 8px; }
  table { border-collapse: collapse; width: 100%; font-size: 13px; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eef0f4; vertical-align: top; }
  th { color: #5d6675; font-weight: 600; }
  .state { font-weight: 600; border-radius: 4px; padding: 1px 6px; }
  .healthy { background: #e3f6e8; color: #17692f; }
  .parked { background: #fff4d6; color: #8a5a00; }
  .invalid, .suspended, .unreachable { background: #fde5e5; color: #a01d1d; }
  .unknown { background: #eceff3; color: #4a5361; }
  #error { color: #a01d1d; }
  code { font-size: 12px; }
  .key-name { white-space: nowrap; }
</style>
</head>
<body>
<h1>Key pool status</h1>
<div class="muted">Each backend answers from its own isolate's memory: a key shows as <i>unknown</i> until this isolate has used it. "Probe now" checks every key live with calls that spend no generation quota.</div>
<form id="login" hidden>
  <label for="pass">PASS</label>
  <input id="pass" type="password" autocomplete="current-password" required>
  <button type="submit">Show status</button>
</form>
<div class="bar" id="actions" hidden>
  <button id="refresh" class="secondary" type="button">Refresh</button>
  <button id="probe" type="button">Probe now</button>
  <button id="forget" class="secondary" type="button">Forget PASS</button>
  <span class="muted" id="generated"></span>
</div>
<div id="error" role="alert"></div>
<div class="totals" id="totals"></div>
<section id="models" hidden>
  <h2>Models rerouted or deprecated</h2>
  <div class="muted">Answers whose model was not the one asked for (Google's reroutes of retired ids, moving aliases), or whose model Google marks LEGACY, DEPRECATED or RETIRED — as the answering backend isolates saw them (each remembers at most 64). Clients get the same in the <code>x-router-model-status</code> header.</div>
  <table>
    <thead><tr><th>asked</th><th>served by</th><th>stage</th><th>retirement</th><th>Google says</th><th>last seen</th><th>answers</th></tr></thead>
    <tbody id="model-rows"></tbody>
  </table>
</section>
<div id="backends"></div>
<div id="usage"></div>
<script>
(() => {
  const storageKey = "zen-ai-router-pass";
  const $ = (id) => document.getElementById(id);
  const text = (value) => document.createTextNode(value == null ? "" : String(value));
  const el = (tag, attrs, children) => {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
    for (const child of children || []) node.append(typeof child === "string" ? text(child) : child);
    return node;
  };
  const until = (iso) => (iso ? new Date(iso).toLocaleString() : "");
  function showLogin(message) {
    $("login").hidden = false;
    $("actions").hidden = true;
    $("error").textContent = message || "";
  }
  async function load(probe) {
    const pass = sessionStorage.getItem(storageKey);
    if (!pass) return showLogin("");
    $("error").textContent = probe ? "Probing every key…" : "";
    let response;
    try {
      response = await fetch(probe ? "status.json?probe=1" : "status.json", {
        headers: { authorization: "Bearer " + pass },
        cache: "no-store",
      });
    } catch (error) {
      $("error").textContent = "Could not reach the router: " + error;
      return;
    }
    if (response.status === 401) {
      sessionStorage.removeItem(storageKey);
      return showLogin("That PASS was refused.");
    }
    if (!response.ok) {
      $("error").textContent = "The router answered " + response.status + ".";
      return;
    }
    render(await response.json());
  }
  function render(report) {
    $("login").hidden = true;
    $("actions").hidden = false;
    $("error").textContent = "";
    $("generated").textContent = "as of " + new Date(report.generatedAt).toLocaleTimeString();
    const t = report.totals;
    $("totals").replaceChildren(
      ...[
        ["backends reachable", t.reachable + " / " + t.backends],
        ["keys", t.keys], ["healthy", t.healthy], ["parked", t.parked],
        ["invalid", t.invalid], ["suspended", t.suspended], ["unknown", t.unknown],
      ].map(([label, value]) => el("div", { class: "total", "data-total": label }, [el("b", {}, [String(value)]), label])),
    );
    const models = report.models || [];
    $("models").hidden = models.length === 0;
    $("model-rows").replaceChildren(
      ...models.map((model) =>
        el("tr", { "data-model": model.asked }, [
          el("td", {}, [el("code", {}, [model.asked])]),
          el("td", {}, [model.served && model.served !== model.asked ? el("code", {}, [model.served]) : ""]),
          el("td", {}, [model.stage ? el("span", { class: "state parked" }, [model.stage]) : ""]),
          el("td", {}, [until(model.retirementTime)]),
          el("td", {}, [model.message || ""]),
          el("td", {}, [until(model.lastSeen)]),
          el("td", {}, [String(model.count)]),
        ]),
      ),
    );
    $("backends").replaceChildren(
      ...report.backends.map((backend) => {
        const title = el("h2", {}, [
          "Backend " + backend.index + " ",
          el("span", { class: "state " + (backend.reachable ? "healthy" : "unreachable") }, [backend.reachable ? "reachable" : "unreachable" + (backend.error ? " (" + backend.error + ")" : "")]),
          el("span", { class: "muted" }, [" " + backend.keys.length + " key(s)"]),
        ]);
        const rows = backend.keys.map((key) =>
          el("tr", { "data-key": backend.index + ":" + key.index }, [
            el("td", { class: "key-name" }, key.name ? [key.name, el("div", { class: "muted", title: "where this backend holds it" }, ["slot KEY" + key.index])] : ["KEY" + key.index]),
            el("td", {}, [el("code", {}, [key.fingerprint])]),
            el("td", {}, [el("span", { class: "state " + key.state }, [key.state])]),
            el("td", {}, [(key.parks || [{ reason: key.reason, model: key.model }]).map((park) => (park.reason || "") + (park.model ? " · " + park.model : "")).filter(Boolean).join("; ")]),
            el("td", {}, [(key.parks || [{ until: key.until }]).map((park) => until(park.until)).filter(Boolean).join("; ")]),
            el("td", {}, [key.probe ? key.probe.status + (key.probe.status === "ok" ? "" : ": " + key.probe.message) : ""]),
          ]),
        );
        const table = el("table", {}, [
          el("thead", {}, [el("tr", {}, ["key", "fingerprint", "state", "why · model", "until", "live probe"].map((name) => el("th", {}, [name])))]),
          el("tbody", {}, rows),
        ]);
        return el("section", { "data-backend": String(backend.index) }, [title, table]);
      }),
    );
    // Usage names a key by fingerprint; the backends know the name the user gave it.
    const names = {};
    for (const backend of report.backends) for (const key of backend.keys) if (key.name) names[key.fingerprint] = key.name;
    renderUsage(report.usage, names);
  }
  function renderUsage(usage, names) {
    if (!usage) return $("usage").replaceChildren();
    const heading = el("h2", {}, ["Usage, last " + usage.hours + " h"]);
    if (usage.error) return $("usage").replaceChildren(el("section", {}, [heading, el("div", { class: "muted" }, [usage.error])]));
    const table = (title, rows, empty) => [
      el("h2", {}, [title]),
      el("table", { "data-usage": title }, [
        el("thead", {}, [el("tr", {}, [title, "requests", "errors", "prompt", "completion", "thinking", "avg ms"].map((name) => el("th", {}, [name])))]),
        el("tbody", {}, rows.map((row) => el("tr", {}, [row.group && row.group !== "-" ? row.group : empty, row.requests, row.errors, row.promptTokens, row.completionTokens, row.thinkingTokens, row.averageLatencyMs].map((cell) => el("td", {}, [String(cell)]))))),
      ]),
    ];
    $("usage").replaceChildren(el("section", { "data-usage-hours": String(usage.hours) }, [heading, ...table("token", usage.byToken, "(unauthenticated)"), ...table("key", usage.byKey.map((row) => (names[row.group] ? { ...row, group: names[row.group] + " (" + row.group + ")" } : row)), "(no key)")]));
  }
  $("login").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(storageKey, $("pass").value);
    $("pass").value = "";
    load(false);
  });
  $("refresh").addEventListener("click", () => load(false));
  $("probe").addEventListener("click", () => load(true));
  $("forget").addEventListener("click", () => {
    sessionStorage.removeItem(storageKey);
    $("totals").replaceChildren();
    $("backends").replaceChildren();
    $("models").hidden = true;
    showLogin("");
  });
  load(false);
})();
</script>
</body>
</html>
`;
