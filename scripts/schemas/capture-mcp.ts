/**
 * Captures the `tools/list` of MCP servers published on npm, for the schema corpus
 * (test/fixtures/schemas/mcp/). The servers are installed from the npm registry into a temporary
 * directory, then each runs offline over stdio with the MCP SDK's client.
 *
 *   node scripts/schemas/capture-mcp.ts
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

interface Server {
  file: string;
  pkg: string;
  bin: string;
  args: (dir: string) => string[];
  env?: Record<string, string>;
}

const SERVERS: Server[] = [
  {
    file: "server-filesystem",
    bin: "mcp-server-filesystem",
    pkg: "@modelcontextprotocol/server-filesystem",
    args: (dir) => [dir],
  },
  {
    file: "server-memory",
    bin: "mcp-server-memory",
    pkg: "@modelcontextprotocol/server-memory",
    args: () => [],
  },
  {
    file: "server-everything",
    bin: "mcp-server-everything",
    pkg: "@modelcontextprotocol/server-everything",
    args: () => ["stdio"],
  },
  {
    file: "server-sequential-thinking",
    bin: "mcp-server-sequential-thinking",
    pkg: "@modelcontextprotocol/server-sequential-thinking",
    args: () => [],
  },
  {
    file: "server-github",
    bin: "mcp-server-github",
    pkg: "@modelcontextprotocol/server-github",
    args: () => [],
    // A placeholder: listing tools needs no token, and nothing is called.
    env: { GITHUB_PERSONAL_ACCESS_TOKEN: "unused" },
  },
];

const OUT = new URL("../../test/fixtures/schemas/mcp/", import.meta.url);

const wanted = SERVERS.filter((s) => process.argv.length <= 2 || process.argv.includes(s.file));
const install = mkdtempSync(join(tmpdir(), "mcp-servers-"));
try {
  writeFileSync(join(install, "package.json"), '{"private":true}');
  execFileSync(
    "npm",
    ["install", "--no-audit", "--no-fund", "--ignore-scripts", ...wanted.map((s) => s.pkg)],
    {
      cwd: install,
      stdio: "inherit",
    },
  );
  for (const server of wanted) await capture(server, install);
} finally {
  rmSync(install, { recursive: true, force: true });
}

async function capture(server: Server, install: string) {
  const dir = mkdtempSync(join(tmpdir(), "mcp-capture-"));
  try {
    const manifest = join(install, "node_modules", ...server.pkg.split("/"), "package.json");
    const version = (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
    const transport = new StdioClientTransport({
      command: join(install, "node_modules", ".bin", server.bin),
      args: server.args(dir),
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: dir,
        MEMORY_FILE_PATH: join(dir, "memory.json"),
        ...server.env,
      },
      stderr: "ignore",
    });
    const client = new Client({ name: "zen-ai-router-schema-corpus", version: "1.0.0" });
    await client.connect(transport);
    const { tools } = await client.listTools();
    await client.close();
    const fixture = {
      source: `npm ${server.pkg}@${version}, tools/list over stdio (MCP SDK client), captured by scripts/schemas/capture-mcp.ts`,
      tools: tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        schema: tool.inputSchema,
      })),
    };
    writeFileSync(new URL(`${server.file}.json`, OUT), `${JSON.stringify(fixture, null, 2)}\n`);
    console.log(`${server.file}: ${tools.length} tools (${version})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
