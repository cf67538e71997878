/**
 * Captures the input schemas of Claude Code's built-in tools (test/fixtures/schemas/claude-code/)
 * as `claude -p` sends them: the installed @anthropic-ai/claude-code runs once with
 * ANTHROPIC_BASE_URL pointing at a recorder on loopback, which keeps the first Messages request's
 * `tools` and answers a one-word reply. Nothing leaves the machine.
 *
 *   node scripts/schemas/capture-claude-code.ts
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

interface Tool {
  name: string;
  description?: string;
  input_schema?: unknown;
}

let captured: Tool[] | undefined;
const server = createServer((request, response) => {
  let body = "";
  request.on("data", (chunk) => {
    body += chunk;
  });
  request.on("end", () => {
    if (request.method === "POST" && request.url?.startsWith("/v1/messages")) {
      const message = JSON.parse(body) as { tools?: Tool[]; model?: string; stream?: boolean };
      if (!captured && message.tools && message.tools.length > 0) captured = message.tools;
      const reply = {
        id: "msg_recorder",
        type: "message",
        role: "assistant",
        model: message.model ?? "claude",
        content: [{ type: "text", text: "ok" }],
        stop_reason: "end_turn",
        stop_sequence: null,
        usage: { input_tokens: 1, output_tokens: 1 },
      };
      if (message.stream) {
        response.writeHead(200, { "content-type": "text/event-stream" });
        const events: [string, unknown][] = [
          [
            "message_start",
            { type: "message_start", message: { ...reply, content: [], stop_reason: null } },
          ],
          [
            "content_block_start",
            { type: "content_block_start", index: 0, content_block: { type: "text", text: "" } },
          ],
          [
            "content_block_delta",
            { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "ok" } },
          ],
          ["content_block_stop", { type: "content_block_stop", index: 0 }],
          [
            "message_delta",
            {
              type: "message_delta",
              delta: { stop_reason: "end_turn", stop_sequence: null },
              usage: { output_tokens: 1 },
            },
          ],
          ["message_stop", { type: "message_stop" }],
        ];
        response.end(
          events
            .map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
            .join(""),
        );
      } else {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(reply));
      }
      return;
    }
    response.writeHead(404, { "content-type": "application/json" });
    response.end('{"type":"error","error":{"type":"not_found_error","message":"not recorded"}}');
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;
const home = mkdtempSync(join(tmpdir(), "claude-capture-"));
const cli = new URL(
  "../../node_modules/@anthropic-ai/claude-code/cli-wrapper.cjs",
  import.meta.url,
);
const version = (
  JSON.parse(
    readFileSync(
      new URL("../../node_modules/@anthropic-ai/claude-code/package.json", import.meta.url),
      "utf8",
    ),
  ) as { version: string }
).version;
try {
  await new Promise<void>((resolve) => {
    execFile(
      process.execPath,
      [cli.pathname, "-p", "say ok", "--output-format", "json"],
      {
        cwd: home,
        timeout: 120_000,
        env: {
          PATH: process.env.PATH ?? "",
          HOME: home,
          ANTHROPIC_BASE_URL: `http://127.0.0.1:${port}`,
          ANTHROPIC_API_KEY: "recorder-placeholder",
          CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
          DISABLE_TELEMETRY: "1",
          DISABLE_AUTOUPDATER: "1",
        },
      },
      (error, stdout, stderr) => {
        if (error) console.error(String(error), stdout, stderr);
        resolve();
      },
    );
  });
} finally {
  server.close();
  rmSync(home, { recursive: true, force: true });
}
if (!captured) throw new Error("claude -p sent no tools");
const fixture = {
  source: `@anthropic-ai/claude-code ${version}: the tools of the first Messages request of \`claude -p\`, recorded on loopback by scripts/schemas/capture-claude-code.ts`,
  tools: captured.map((tool) => ({
    name: tool.name,
    description: tool.description,
    schema: tool.input_schema,
  })),
};
writeFileSync(
  new URL("../../test/fixtures/schemas/claude-code/claude-code.json", import.meta.url),
  `${JSON.stringify(fixture, null, 2)}\n`,
);
console.log(`claude-code ${version}: ${captured.length} tools`);
