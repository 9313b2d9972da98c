// Real-editor test: the packaged copydesk .vsix in VS Code (code-server
// 4.100.3), driven in Debian's headless Chromium with playwright-core.
//
//   node scripts/e2e/vscode/check.mjs --code-server PATH --vsix FILE \
//        --server target/debug/copydesk --article FILE --out target/e2e/vscode
//
// Installs the .vsix into a fresh extensions dir, starts code-server on a
// free port with a folder holding the reference article, opens it and
// checks: the squiggle appears, the Problems panel lists the unattributed
// quote, hover on "Gerges" shows the actor, the Outline view lists the three
// sections. Saves a screenshot after each step under --out. Prints one line
// per check (`ok - ...` / `not ok - ...: why`); exits 1 if any failed.

import { spawn, execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync, copyFileSync, rmSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
for (const k of ["code-server", "vsix", "server", "article", "out"]) {
  if (!args[k]) {
    console.error(`vscode check: missing --${k}`);
    process.exit(2);
  }
}
const out = resolve(args.out);
const TIMEOUT = Number(process.env.COPYDESK_TIMEOUT_MS ?? 20000);
const SECTIONS = ["How Iran Seized Iraq", "Trump sends mixed messages", "Win hearts and minds"];

let passed = 0;
let failed = 0;
function report(name, ok, why) {
  if (ok) {
    passed++;
    console.log(`ok - vscode: ${name}`);
  } else {
    failed++;
    console.log(`not ok - vscode: ${name}: ${why ?? "failed"}`);
  }
}
async function check(name, fn) {
  try {
    const r = await fn();
    if (r === true) report(name, true);
    else report(name, false, typeof r === "string" ? r : "failed");
  } catch (e) {
    report(name, false, String(e?.message ?? e).split("\n")[0]);
  }
}
const log = (m) => console.error(`[vscode e2e] ${m}`);

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

// --- set up a workspace, a profile, and the extension ---------------------
rmSync(out, { recursive: true, force: true });
const ws = join(out, "workspace");
const userData = join(out, "user-data");
const extDir = join(out, "extensions");
const profile = join(out, "chromium-profile");
for (const d of [ws, join(userData, "User"), extDir, profile]) mkdirSync(d, { recursive: true });
const articleName = basename(args.article);
copyFileSync(args.article, join(ws, articleName));
const articleLines = readFileSync(args.article, "utf8").split("\n");
// Paragraph n (1-based) -> 1-based line number.
const paraLine = [];
articleLines.forEach((l, i) => {
  if (l.trim() !== "" && (i === 0 || articleLines[i - 1].trim() === "")) paraLine.push(i + 1);
});
writeFileSync(
  join(userData, "User", "settings.json"),
  JSON.stringify(
    {
      "workbench.startupEditor": "none",
      "security.workspace.trust.enabled": false,
      "workbench.tips.enabled": false,
      "workbench.welcomePage.walkthroughs.openOnInstall": false,
      "extensions.autoUpdate": false,
      "extensions.autoCheckUpdates": false,
      "telemetry.telemetryLevel": "off",
      "editor.wordWrap": "on",
      "editor.hover.delay": 200,
      "editor.minimap.enabled": false,
      "window.commandCenter": false,
      "git.enabled": false,
      "git.openRepositoryInParentFolders": "never",
      "copydesk.server.path": resolve(args.server),
      // One server setting, to see it reach the server: the unattributed quote becomes an error.
      "copydesk.rules.unattributed-quote": "error",
    },
    null,
    2,
  ),
);

const csEnv = { ...process.env, CODE_SERVER_PARENT_PID: undefined };
log(`installing ${args.vsix}`);
execFileSync(
  args["code-server"],
  ["--install-extension", resolve(args.vsix), "--extensions-dir", extDir, "--user-data-dir", userData, "--force"],
  { stdio: ["ignore", "pipe", "inherit"], env: csEnv },
);

const port = await freePort();
log(`starting code-server on port ${port}`);
const csLog = join(out, "code-server.log");
// detached: the child calls setsid(), so its process group id is cs.pid and
// cleanup can end code-server with everything it started.
const cs = spawn(
  args["code-server"],
  [
    "--bind-addr", `127.0.0.1:${port}`,
    "--auth", "none",
    "--disable-telemetry",
    "--disable-update-check",
    "--disable-workspace-trust",
    "--extensions-dir", extDir,
    "--user-data-dir", userData,
    ws,
  ],
  { stdio: ["ignore", "pipe", "pipe"], detached: true, env: csEnv },
);
// If this script is killed before its cleanup runs, run.sh ends the group.
writeFileSync(join(out, "code-server.pgid"), String(cs.pid));
const csOut = [];
cs.stdout.on("data", (d) => csOut.push(d));
cs.stderr.on("data", (d) => csOut.push(d));

let browser;
async function cleanup() {
  try {
    await browser?.close();
  } catch {}
  try {
    process.kill(-cs.pid, "SIGTERM"); // the whole process group: code-server leaves a file watcher otherwise
  } catch {}
  await sleep(300);
  try {
    process.kill(-cs.pid, "SIGKILL");
  } catch {}
  writeFileSync(csLog, Buffer.concat(csOut));
}
process.on("SIGINT", async () => {
  await cleanup();
  process.exit(130);
});

let page;
const shot = async (name) => {
  try {
    await page?.screenshot({ path: join(out, `${name}.png`) });
  } catch (e) {
    log(`screenshot ${name} failed: ${e.message}`);
  }
};

try {
  // --- wait for code-server ----------------------------------------------
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60000;
  for (;;) {
    try {
      const r = await fetch(`${url}healthz`);
      if (r.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s`);
    await sleep(250);
  }

  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  browser = context;
  page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${url}?folder=${encodeURIComponent(ws)}`);
  await page.locator(".monaco-workbench").waitFor({ timeout: 60000 });
  await page.locator(".explorer-folders-view, .explorer-viewlet").first().waitFor({ timeout: 30000 }).catch(() => {});
  await sleep(1000);

  // --- open the article ---------------------------------------------------
  // From the Explorer (quick open waits on the file search, which is slow on a busy machine).
  const row = page.locator(`.explorer-folders-view .monaco-list-row:has-text("${articleName}")`).first();
  await row.waitFor({ timeout: 30000 });
  await row.dblclick();
  await page.locator(".monaco-editor .view-lines").first().waitFor({ timeout: 30000 });
  await page.locator(`.tab[aria-label*="${articleName}"], .tab:has-text("${articleName}")`).first().waitFor({ timeout: 10000 });
  log("article open");

  // Pids of `SERVER lsp` processes started under code-server.
  const serverPids = () => {
    const server = resolve(args.server);
    const ps = execFileSync("ps", ["-e", "-o", "pid=,pgid=,args="], { encoding: "utf8" });
    return ps
      .split("\n")
      .map((l) => l.trim().match(/^(\d+)\s+(\d+)\s+(.*)$/))
      .filter((m) => m && Number(m[2]) === cs.pid && m[3].startsWith(`${server} lsp`))
      .map((m) => Number(m[1]));
  };

  await check("the extension starts `copydesk lsp`", async () => {
    const server = resolve(args.server);
    const deadline = Date.now() + TIMEOUT;
    while (Date.now() < deadline) {
      if (serverPids().length) return true;
      await sleep(250);
    }
    await shot("vscode-no-server");
    return `no \`${server} lsp\` process under code-server within ${TIMEOUT} ms (is the extension installed and activated?)`;
  });

  await check("the squiggle appears", async () => {
    try {
      await page.locator(".squiggly-warning").first().waitFor({ timeout: TIMEOUT });
    } catch {
      await shot("vscode-no-squiggle");
      return `no .squiggly-warning in the editor within ${TIMEOUT} ms`;
    }
    await shot("vscode-1-squiggles");
    return true;
  });

  await check("the Problems panel lists the unattributed quote (¶36)", async () => {
    await page.keyboard.press("Control+Shift+M");
    const panel = page.locator(".markers-panel");
    await panel.waitFor({ timeout: 10000 });
    const filter = page.locator(".markers-panel-action-filter input, .viewpane-filter input").first();
    if (await filter.count()) {
      await filter.fill("unattributed");
    }
    const wantLine = paraLine[35];
    const rows = page.locator(".markers-panel .monaco-list-row");
    const deadline = Date.now() + TIMEOUT;
    let listed = [];
    let row;
    while (Date.now() < deadline) {
      listed = (await rows.allInnerTexts().catch(() => [])).map((t) => t.replace(/\s+/g, " "));
      row = listed.find((t) => t.includes("unattributed-quote"));
      if (row && row.includes(`[Ln ${wantLine},`)) break;
      await sleep(250);
    }
    await shot("vscode-2-problems");
    if (await filter.count()) await filter.fill("");
    if (!row) return `no unattributed-quote row in the Problems panel: ${JSON.stringify(listed).slice(0, 300)}`;
    if (!row.includes(`[Ln ${wantLine},`)) return `unattributed-quote listed, but not at line ${wantLine} (¶36): "${row}"`;
    return true;
  });

  // Reveal ¶10, point at its "Gerges" and wait for a hover naming Fawaz Gerges; returns the hover's text.
  async function hoverGerges() {
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 }, force: true });
    await page.keyboard.press("Control+G");
    await page.keyboard.type(String(paraLine[9]));
    await page.keyboard.press("Enter");
    await sleep(500);
    const deadline = Date.now() + TIMEOUT;
    let hoverText = "";
    while (Date.now() < deadline) {
      const box = await page.evaluate(() => {
        const lines = document.querySelectorAll(".monaco-editor .view-lines .view-line");
        const hits = [];
        for (const line of lines) {
          const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const i = n.data.indexOf("Gerges");
            if (i < 0) continue;
            const r = document.createRange();
            r.setStart(n, i);
            r.setEnd(n, i + "Gerges".length);
            const b = r.getBoundingClientRect();
            const before = n.data.slice(Math.max(0, i - 6), i).replace(/\u00a0/g, " ");
            if (b.width > 0) hits.push({ x: b.x + b.width / 2, y: b.y + b.height / 2, said: before.endsWith("said ") });
          }
        }
        return hits.find((h) => h.said) ?? hits[hits.length - 1] ?? null;
      });
      if (!box) throw new Error('no "Gerges" visible in the editor');
      await page.mouse.move(box.x - 40, box.y - 40);
      await page.mouse.move(box.x, box.y, { steps: 4 });
      try {
        await page.locator(".monaco-hover:visible").first().waitFor({ timeout: 3000 });
        await sleep(500);
        hoverText = (await page.locator(".monaco-hover:visible").first().innerText()).replace(/\s+/g, " ");
        if (hoverText.includes("Fawaz Gerges")) break;
      } catch {}
      await sleep(250);
    }
    return hoverText;
  }

  await check("a copydesk setting reaches the server (unattributed-quote: error)", async () => {
    // Decorations exist only in the viewport: reveal ¶36 first.
    await page.locator(".monaco-editor .view-lines").first().click({ position: { x: 5, y: 5 }, force: true });
    await page.keyboard.press("Control+G");
    await page.keyboard.type(String(paraLine[35]));
    await page.keyboard.press("Enter");
    try {
      await page.locator(".squiggly-error").first().waitFor({ timeout: TIMEOUT });
    } catch {
      return `no .squiggly-error with "copydesk.rules.unattributed-quote": "error" in settings.json`;
    }
    return true;
  });

  await check('hover on "Gerges" shows the actor', async () => {
    const hoverText = await hoverGerges();
    await shot("vscode-3-hover");
    if (!hoverText.includes("Fawaz Gerges")) return `hover does not name Fawaz Gerges: "${hoverText.slice(0, 200)}"`;
    return true;
  });

  await check("the Outline view lists the three sections", async () => {
    await page.mouse.move(5, 5);
    await page.keyboard.press("Escape");
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").waitFor({ timeout: 10000 });
    await page.keyboard.type("Explorer: Focus on Outline View");
    await page.locator(".quick-input-list .monaco-list-row").first().waitFor({ timeout: 10000 });
    await page.keyboard.press("Enter");
    // Room for the outline: fold the Explorer's folder view, collapse the sections' quotes.
    const folderHeader = page.locator('.pane-header[aria-label*="Explorer Section"], .pane-header:has-text("workspace")').first();
    if ((await folderHeader.count()) && (await folderHeader.getAttribute("aria-expanded")) === "true") {
      await folderHeader.click().catch(() => {});
    }
    const outlineHeader = page.locator('.pane-header:has-text("Outline")').first();
    await outlineHeader.hover().catch(() => {});
    await sleep(300);
    const deadline = Date.now() + TIMEOUT;
    let text = "";
    while (Date.now() < deadline) {
      const collapse = outlineHeader.locator('.codicon-collapse-all, [aria-label="Collapse All"]').first();
      if (await collapse.count()) await collapse.click({ timeout: 2000 }).catch(() => {});
      text = await page
        .locator(".outline-pane")
        .first()
        .innerText()
        .catch(() => "");
      if (SECTIONS.every((s) => text.includes(s))) break;
      await sleep(250);
    }
    await shot("vscode-4-outline");
    const missing = SECTIONS.filter((s) => !text.includes(s));
    if (missing.length) return `Outline lacks ${missing.map((s) => `"${s}"`).join(", ")}: "${text.replace(/\s+/g, " ").slice(0, 200)}"`;
    const order = SECTIONS.map((s) => text.indexOf(s));
    if (!(order[0] < order[1] && order[1] < order[2])) return `sections out of order in the Outline: "${text.replace(/\s+/g, " ").slice(0, 200)}"`;
    return true;
  });
  await check("the command copydesk: Restart Server starts a new server", async () => {
    const before = serverPids();
    if (!before.length) return "no server running before the restart";
    await page.keyboard.press("Escape");
    await page.keyboard.press("F1");
    await page.locator(".quick-input-widget input").waitFor({ timeout: 10000 });
    await page.keyboard.type("copydesk: Restart Server");
    await page.locator('.quick-input-list .monaco-list-row:has-text("Restart Server")').first().waitFor({ timeout: 10000 });
    await page.keyboard.press("Enter");
    const deadline = Date.now() + TIMEOUT;
    let now = [];
    while (Date.now() < deadline) {
      now = serverPids();
      if (now.length && now.every((p) => !before.includes(p))) return true;
      await sleep(250);
    }
    return `servers before ${JSON.stringify(before)}, after ${JSON.stringify(now)}`;
  });

  // One picture of it all (for editors/vscode/README.md): outline, problems, hover.
  await page.keyboard.press("Control+Shift+M");
  await hoverGerges().catch(() => "");
  await shot("vscode-5-overview");
} catch (e) {
  report("VS Code workbench runs the extension", false, String(e?.message ?? e).split("\n")[0]);
  await shot("vscode-error");
} finally {
  await cleanup();
}
console.error(`[vscode e2e] screenshots in ${out}; code-server log ${csLog}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
