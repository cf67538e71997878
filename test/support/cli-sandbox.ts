import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throw-away home for a CLI under test: HOME and the four XDG directories inside one temporary
 * folder, a `workspace/` to run in, and a refusing forward proxy in HTTP(S)_PROXY that records
 * every attempt to reach a host other than loopback (NO_PROXY) — the CLI runs offline, and the
 * test can show it did.
 */
export interface CliSandbox {
  home: string;
  workspace: string;
  /** `host:port` (CONNECT) or URL (plain HTTP) of every request that tried to leave loopback. */
  outsideAttempts: string[];
  /** The sandbox's environment (PATH, HOME, XDG_*, proxies) plus `extra`. */
  env(extra?: Record<string, string>): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function createCliSandbox(name: string): Promise<CliSandbox> {
  const home = await mkdtemp(join(tmpdir(), `${name}-home-`));
  const workspace = join(home, "workspace");
  const xdg = {
    XDG_CONFIG_HOME: join(home, ".config"),
    XDG_DATA_HOME: join(home, ".local", "share"),
    XDG_STATE_HOME: join(home, ".local", "state"),
    XDG_CACHE_HOME: join(home, ".cache"),
  };
  for (const directory of [workspace, ...Object.values(xdg)]) {
    await mkdir(directory, { recursive: true });
  }
  const outsideAttempts: string[] = [];
  const proxy = createServer((request, response) => {
    outsideAttempts.push(request.url ?? "");
    response.writeHead(403).end();
  });
  proxy.on("connect", (request, socket) => {
    outsideAttempts.push(request.url ?? "");
    socket.on("error", () => {}); // A client that gives up resets the socket.
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  proxy.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const proxies = {
    HTTP_PROXY: proxyUrl,
    HTTPS_PROXY: proxyUrl,
    http_proxy: proxyUrl,
    https_proxy: proxyUrl,
    NO_PROXY: "127.0.0.1,localhost",
    no_proxy: "127.0.0.1,localhost",
    // Node's own fetch honours the variables above only when asked to (Node ≥ 22.21).
    NODE_USE_ENV_PROXY: "1",
  };
  return {
    home,
    workspace,
    outsideAttempts,
    env: (extra = {}) => ({
      PATH: process.env.PATH ?? "/usr/bin:/bin",
      HOME: home,
      ...xdg,
      ...proxies,
      NO_COLOR: "1",
      ...extra,
    }),
    close: async () => {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await rm(home, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/**
 * Runs a CLI with no standard input (as CI does) to its end. It runs in a process group of its
 * own, and the whole group is killed after `timeoutMs` (CLIs that re-spawn themselves leave no
 * child behind).
 */
export function runCli(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, options.timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      killGroup();
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}
