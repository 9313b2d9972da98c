// copydesk for VS Code: a thin client. All analysis happens in the
// `copydesk lsp` server; this file only finds the server, starts it for
// Markdown and plain-text documents, passes the settings through and
// restarts it on request.

import * as fs from "node:fs";
import * as path from "node:path";
import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

/** The server binary: `copydesk.server.path` if set, else `copydesk` on PATH. */
export function findServer(configured: string | undefined, envPath = process.env.PATH ?? ""): string | undefined {
  if (configured && configured.trim() !== "") {
    const p = configured.startsWith("~") ? path.join(process.env.HOME ?? "", configured.slice(1)) : configured;
    return fs.existsSync(p) ? p : undefined;
  }
  const exe = process.platform === "win32" ? "copydesk.exe" : "copydesk";
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, exe);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Keys of the server's settings, as listed in package.json (generated from the server's schema). */
function serverKeys(context: vscode.ExtensionContext): string[] {
  const props = context.extension.packageJSON?.contributes?.configuration?.properties ?? {};
  return Object.keys(props)
    .filter((k) => k.startsWith("copydesk.") && !k.startsWith("copydesk.server.") && !k.startsWith("copydesk.trace."))
    .map((k) => k.slice("copydesk.".length));
}

/**
 * The server settings the user has set (user, workspace or folder), nested
 * by their dots: `rules.unattributed-quote` -> { rules: { "unattributed-quote": ... } }.
 * Defaults are left out, so the project's own `.copydesk.toml` and the
 * server's defaults decide everything the user did not set in VS Code.
 */
export function explicitSettings(context: vscode.ExtensionContext): Record<string, unknown> {
  const cfg = vscode.workspace.getConfiguration("copydesk");
  const out: Record<string, unknown> = {};
  for (const key of serverKeys(context)) {
    const i = cfg.inspect(key);
    const value = i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
    if (value === undefined) continue;
    const parts = key.split(".");
    let node = out;
    for (const part of parts.slice(0, -1)) {
      if (typeof node[part] !== "object" || node[part] === null) node[part] = {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]] = value;
  }
  return out;
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const configured = vscode.workspace.getConfiguration("copydesk").get<string>("server.path");
  const command = findServer(configured);
  if (!command) {
    const where = configured ? `at ${configured} (copydesk.server.path)` : "on your PATH";
    const choice = await vscode.window.showErrorMessage(
      `copydesk could not find its server ${where}. Install it with \`cargo install --path .\` in the copydesk repository, or set copydesk.server.path.`,
      "Open Settings",
    );
    if (choice === "Open Settings") {
      await vscode.commands.executeCommand("workbench.action.openSettings", "copydesk.server.path");
    }
    return;
  }
  const args = vscode.workspace.getConfiguration("copydesk").get<string[]>("server.extraArgs") ?? [];
  const serverOptions: ServerOptions = {
    run: { command, args: ["lsp", ...args], transport: TransportKind.stdio },
    debug: { command, args: ["lsp", ...args], transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "markdown" },
      { scheme: "file", language: "plaintext" },
      { scheme: "untitled", language: "markdown" },
      { scheme: "untitled", language: "plaintext" },
    ],
    initializationOptions: explicitSettings(context),
    middleware: {
      workspace: {
        // The server pulls the `copydesk` section: answer with what the user
        // set, not VS Code's defaults (they would override .copydesk.toml)
        // nor the client's own server.* / trace.* settings.
        configuration: async (params, token, next) => {
          const answers = await next(params, token);
          if (!Array.isArray(answers)) return answers;
          return params.items.map((item, i) =>
            item.section === "copydesk" ? explicitSettings(context) : answers[i],
          );
        },
      },
    },
    outputChannel: output,
  };
  client = new LanguageClient("copydesk", "copydesk", serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

async function restart(context: vscode.ExtensionContext): Promise<void> {
  if (client) {
    const old = client;
    client = undefined;
    try {
      await old.stop();
    } catch (e) {
      output?.appendLine(`copydesk: stopping the server failed: ${String(e)}`);
    }
  }
  await start(context);
  if (client) vscode.window.setStatusBarMessage("copydesk: server restarted", 3000);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel("copydesk", { log: true });
  context.subscriptions.push(output);
  context.subscriptions.push(vscode.commands.registerCommand("copydesk.restartServer", () => restart(context)));
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("copydesk.server")) {
        void restart(context);
      } else if (e.affectsConfiguration("copydesk") && client?.isRunning()) {
        void client.sendNotification("workspace/didChangeConfiguration", {
          settings: { copydesk: explicitSettings(context) },
        });
      }
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  if (client) await client.stop();
}
