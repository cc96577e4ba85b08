// The plesk-lint extension: starts `plesk-lint server` for XML files and hands it the
// `plesk-lint.*` settings. Everything else (diagnostics, quick fixes, hover, completion) is
// the language server's.

import * as vscode from "vscode";
import {
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
} from "vscode-languageclient/node";

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const settings = vscode.workspace.getConfiguration("plesk-lint");
  const command = settings.get<string>("path") || "plesk-lint";
  const serverOptions: ServerOptions = { command, args: ["server"] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "xml" },
      { scheme: "untitled", language: "xml" },
    ],
    // The server reads plesk-lint.toml keys; the `plesk-lint.*` settings apply over the file.
    initializationOptions: vscode.workspace.getConfiguration().get("plesk-lint"),
    synchronize: {
      configurationSection: "plesk-lint",
      fileEvents: vscode.workspace.createFileSystemWatcher("**/plesk-lint.toml"),
    },
  };
  client = new LanguageClient("plesk-lint", "plesk-lint", serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand("plesk-lint.restart", () => client?.restart()),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
