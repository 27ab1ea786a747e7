// Turns the merged results of each Node version into the markdown table and
// the hand-drawn SVG chart the root README shows. Every figure is a cost
// (time or bytes), so lower is better; ratios are "this contender's cost over
// gentletask's", so above 1 means gentletask is cheaper.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";

const SUBJECT = "gentletask";
const FLOORS = new Set([
  "abort+ALS floor",
  "token floor",
  "promise-chain floor",
  "limiter floor",
  "AsyncLocalStorage",
]);

/** Saves `merged` as `node<major>.json` in `out`, with the date and the machine. */
export function saveResults(out, merged) {
  const major = merged.node.split(".")[0];
  const machine = {
    cores: cpus().length,
    cpu: cpus()[0]?.model?.trim() ?? "unknown CPU",
    memoryGB: Math.round(totalmem() / 2 ** 30),
  };
  const saved = { ...merged, date: new Date().toISOString().slice(0, 10), machine };
  writeFileSync(join(out, `node${major}.json`), `${JSON.stringify(saved, null, 2)}\n`);
}

/** Rewrites `peers.md`, `summary.md` and `peers.svg` in `out` from every saved Node version, and prints the table. */
export function renderReports(out) {
  const versions = readdirSync(out)
    .filter((file) => /^node\d+\.json$/.test(file))
    .map((file) => JSON.parse(readFileSync(join(out, file), "utf8")))
    .sort((a, b) => Number(a.node.split(".")[0]) - Number(b.node.split(".")[0]));
  const markdown = renderMarkdown(versions);
  writeFileSync(join(out, "peers.md"), markdown);
  writeFileSync(join(out, "peers.svg"), renderSvg(versions));
  writeFileSync(join(out, "summary.md"), renderSummary(versions));
  process.stdout.write(markdown);
}

const format = (value, unit) => {
  if (value === undefined || Number.isNaN(value)) return "–";
  if (unit.startsWith("B")) return `${Math.round(value).toLocaleString("en")} B`;
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3);
};

/** Every (row, metric) line of the table, across versions, in the first version's order. */
function lines(versions) {
  const out = [];
  for (const row of versions[0].rows) {
    for (const [metric, unit] of Object.entries(row.metrics)) {
      const names = new Set();
      for (const version of versions) {
        const same = version.rows.find((r) => r.id === row.id);
        for (const name of Object.keys(same?.values[metric] ?? {})) names.add(name);
        for (const name of Object.keys(same?.missing ?? {})) names.add(name);
      }
      out.push({ id: row.id, title: row.title, metric, unit, names: [...names] });
    }
  }
  return out;
}

function cell(version, line, name) {
  const row = version.rows.find((r) => r.id === line.id);
  if (row === undefined) return { text: "–" };
  if (row.missing?.[name] !== undefined) return { text: row.missing[name] };
  const value = row.values[line.metric]?.[name];
  return { value, text: format(value, line.unit) };
}

function renderMarkdown(versions) {
  const [first] = versions;
  const nodes = versions.map((v) => `Node ${v.node}`).join(" and ");
  const out = [];
  out.push("# gentletask against its peers", "");
  out.push(
    `Measured ${[...new Set(versions.map((v) => v.date))].join(" / ")} on ${first.machine.cores} cores (${first.machine.cpu}), ` +
      `${first.machine.memoryGB} GB, ${nodes}, shared with other work (figures are noisy). ` +
      "Each process alternates the contenders over several rounds and takes medians; " +
      (first.keyRows?.length > 0
        ? `the key rows (${first.keyRows.join(", ")}) are the median of ${first.processes} processes, the others of one. `
        : "one process. ") +
      "Every figure is a cost: lower is better. `× gt` is the contender's cost over gentletask's (above 1: gentletask is cheaper). " +
      `Measuring processes' wall time, summed: ${versions.map((v) => `Node ${v.node.split(".")[0]} ${Math.round(v.seconds)} s`).join(", ")}.`,
    "",
  );
  const head = versions.flatMap((v) => [
    `Node ${v.node.split(".")[0]}`,
    `× gt ${v.node.split(".")[0]}`,
  ]);
  out.push(`| case | contender | ${head.join(" | ")} |`);
  out.push(`| --- | --- | ${head.map(() => "---:").join(" | ")} |`);
  for (const line of lines(versions)) {
    const label = `${line.title} (${line.unit})`;
    for (const name of line.names) {
      const cells = versions.flatMap((version) => {
        const c = cell(version, line, name);
        const subject = cell(version, line, SUBJECT).value;
        const ratio = c.value !== undefined && subject ? (c.value / subject).toFixed(2) : "–";
        return [name === SUBJECT ? `**${c.text}**` : c.text, name === SUBJECT ? "1" : ratio];
      });
      out.push(`| ${name === line.names[0] ? label : ""} | ${name} | ${cells.join(" | ")} |`);
    }
  }
  out.push("", "## Scale curve: n tasks spawned at once, held at a gate, released and awaited", "");
  const sizes = first.scale.map((s) => s.size);
  const scaleNames = [
    ...new Set(versions.flatMap((v) => v.scale.flatMap((s) => Object.keys(s.values.us)))),
  ];
  const scaleHead = versions.flatMap((v) => [
    `µs a task, Node ${v.node.split(".")[0]}`,
    `B a task, Node ${v.node.split(".")[0]}`,
  ]);
  out.push(`| tasks | contender | ${scaleHead.join(" | ")} |`);
  out.push(`| ---: | --- | ${scaleHead.map(() => "---:").join(" | ")} |`);
  for (const size of sizes) {
    for (const name of scaleNames) {
      const cells = versions.flatMap((version) => {
        const s = version.scale.find((entry) => entry.size === size);
        const us = s?.values.us[name];
        const bytes = s?.values.bytes[name];
        if (us === undefined) return ["not run (time box)", "–"];
        return [format(us, "µs"), format(bytes, "B")];
      });
      out.push(
        `| ${name === scaleNames[0] ? size.toLocaleString("en") : ""} | ${name} | ${cells.join(" | ")} |`,
      );
    }
  }
  out.push("", "## Where gentletask loses", "");
  for (const version of versions) {
    for (const line of lines([version])) {
      const subject = cell(version, line, SUBJECT).value;
      if (subject === undefined) continue;
      for (const name of line.names) {
        const c = cell(version, line, name);
        if (name === SUBJECT || c.value === undefined || c.value >= subject) continue;
        const kind = FLOORS.has(name) ? "floor" : "peer";
        out.push(
          `- Node ${version.node.split(".")[0]}, ${line.title} (${line.unit}): ${name} (${kind}) ${c.text} vs ${format(subject, line.unit)}, gentletask ${(subject / c.value).toFixed(2)}x`,
        );
      }
    }
  }
  const findings = versions.flatMap((v) => v.findings);
  if (findings.length > 0) out.push("", "## Findings", "", ...findings.map((f) => `- ${f}`));
  out.push("");
  return out.join("\n");
}

/** The README's short table: per case and Node version, gentletask, the best peer and the best floor. */
function renderSummary(versions) {
  const out = [
    "| case | Node | gentletask | best peer | best floor | gentletask vs best peer |",
    "| --- | --- | ---: | --- | --- | ---: |",
  ];
  for (const line of lines(versions)) {
    versions.forEach((version, index) => {
      const subject = cell(version, line, SUBJECT);
      const best = (floor) =>
        line.names
          .filter((name) => name !== SUBJECT && FLOORS.has(name) === floor)
          .map((name) => ({ name, ...cell(version, line, name) }))
          .filter((c) => c.value !== undefined)
          .sort((a, b) => a.value - b.value)[0];
      const peer = best(false);
      const row = version.rows.find((r) => r.id === line.id);
      const absent = Object.entries(row?.missing ?? {})
        .filter(([name]) => name !== SUBJECT)
        .map(([name, why]) => `; ${name}: ${why}`)
        .join("");
      const floor = best(true);
      const ratio =
        peer && subject.value
          ? subject.value <= peer.value
            ? `${(peer.value / subject.value).toFixed(2)}x cheaper`
            : `${(subject.value / peer.value).toFixed(2)}x dearer`
          : "–";
      out.push(
        `| ${index === 0 ? `${line.title} (${line.unit})` : ""} | ${version.node.split(".")[0]} | ${subject.text} | ${peer ? `${peer.name} ${peer.text}` : "–"}${absent} | ${floor ? `${floor.name} ${floor.text}` : "–"} | ${ratio} |`,
      );
    });
  }
  return `${out.join("\n")}\n`;
}

/** Short names for the chart's rows, by row id and metric (the table keeps the long titles). */
const CHART_LABELS = {
  "spawn us": "spawn + await (µs)",
  "wide bytes": "memory per waiting task (B)",
  "wide ms": "stop 100,000 waiting (ms)",
  "fanout ms": "stop a fan-out of 10,000 (ms)",
  "chain ms": "stop a chain 1,000 deep (ms)",
  "serial us": "serial worker (µs a job)",
  "context us": "context set + nested read (µs)",
  "limit us": "limit(4), 100,000 jobs (µs a job)",
};

const COLORS = [
  "#1b6ac9",
  "#d9480f",
  "#2b8a3e",
  "#862e9c",
  "#e67700",
  "#0b7285",
  "#c2255c",
  "#495057",
  "#5c940d",
  "#364fc7",
];
const escapeXml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A dot plot: one line per case, one dot per contender at its cost over gentletask's, log scale, one panel per Node version. */
function renderSvg(versions) {
  const all = lines(versions);
  const names = [...new Set(all.flatMap((line) => line.names))].filter((name) => name !== SUBJECT);
  const color = (name) => COLORS[names.indexOf(name) % COLORS.length];
  const labelWidth = 230;
  const panelWidth = 300;
  const gap = 30;
  const top = 60;
  const rowHeight = 26;
  const height = top + all.length * rowHeight + 40 + Math.ceil(names.length / 3) * 20 + 20;
  const width = labelWidth + versions.length * (panelWidth + gap);
  const minLog = -1.5;
  const maxLog = 2;
  const x = (panel, ratio) => {
    const clamped = Math.min(maxLog, Math.max(minLog, Math.log10(ratio)));
    return (
      labelWidth +
      panel * (panelWidth + gap) +
      ((clamped - minLog) / (maxLog - minLog)) * panelWidth
    );
  };
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>gentletask against its peers: each contender's cost over gentletask's, per case and Node version</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="10" y="20" font-size="14" font-weight="600">Cost over gentletask's, log scale (right of 1: gentletask is cheaper)</text>`,
  );
  versions.forEach((version, panel) => {
    const left = labelWidth + panel * (panelWidth + gap);
    parts.push(
      `<text x="${left + panelWidth / 2}" y="${top - 22}" text-anchor="middle" font-weight="600">Node ${escapeXml(version.node)}</text>`,
    );
    for (const tick of [0.1, 0.3, 1, 3, 10, 30, 100]) {
      const tx = x(panel, tick);
      parts.push(
        `<line x1="${tx}" y1="${top - 10}" x2="${tx}" y2="${top + all.length * rowHeight}" stroke="${tick === 1 ? "#000" : "#ddd"}" stroke-width="${tick === 1 ? 1.5 : 1}"/>`,
        `<text x="${tx}" y="${top + all.length * rowHeight + 14}" text-anchor="middle" fill="#555">${tick}</text>`,
      );
    }
    all.forEach((line, index) => {
      const y = top + index * rowHeight + rowHeight / 2;
      const subject = cell(version, line, SUBJECT).value;
      for (const name of line.names) {
        if (name === SUBJECT) continue;
        const c = cell(version, line, name);
        if (c.value === undefined || !subject) continue;
        const ratio = c.value / subject;
        parts.push(
          `<circle cx="${x(panel, ratio).toFixed(1)}" cy="${y}" r="5" fill="${color(name)}" fill-opacity="0.85"><title>${escapeXml(`${name}: ${c.text} vs ${format(subject, line.unit)} (${ratio.toFixed(2)}x)`)}</title></circle>`,
        );
      }
    });
  });
  all.forEach((line, index) => {
    const y = top + index * rowHeight + rowHeight / 2;
    if (index % 2 === 0)
      parts.push(
        `<rect x="0" y="${y - rowHeight / 2}" width="${width}" height="${rowHeight}" fill="#000" fill-opacity="0.03"/>`,
      );
    const label = CHART_LABELS[`${line.id} ${line.metric}`] ?? `${line.title} (${line.unit})`;
    parts.push(`<text x="10" y="${y + 4}">${escapeXml(label)}</text>`);
  });
  const legendTop = top + all.length * rowHeight + 36;
  names.forEach((name, i) => {
    const lx = 10 + (i % 3) * 260;
    const ly = legendTop + Math.floor(i / 3) * 20;
    parts.push(
      `<circle cx="${lx + 5}" cy="${ly}" r="5" fill="${color(name)}"/>`,
      `<text x="${lx + 15}" y="${ly + 4}">${escapeXml(name)}</text>`,
    );
  });
  parts.push("</svg>");
  return `${parts.join("\n")}\n`;
}
