/**
 * Child processes of the benchmark: CPU pinning with taskset (when present), finding workerd
 * under Miniflare, and cleanup that runs on normal exit, on errors and on Ctrl-C, so no emulator
 * or workerd process outlives the run.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const cleanups: (() => Promise<void> | void)[] = [];
const pidsToKill = new Set<number>();
let handlersInstalled = false;

/** Registers async cleanup (run by `cleanUp`) and, as a last resort, pids killed on exit. */
export function onCleanup(cleanup: () => Promise<void> | void, pids: readonly number[] = []) {
  installHandlers();
  cleanups.push(cleanup);
  for (const pid of pids) pidsToKill.add(pid);
}

export function forgetPid(pid: number) {
  pidsToKill.delete(pid);
}

/** Runs every registered cleanup, newest first, each at most once. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    const cleanup = cleanups.pop();
    await Promise.resolve(cleanup?.()).catch(() => {});
  }
}

function killRemaining() {
  for (const pid of pidsToKill) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  pidsToKill.clear();
}

function installHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killRemaining);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, cleaning up…`);
      void cleanUp().finally(() => process.exit(130));
    });
  }
}

/**
 * Kills `pids` if this process dies without cleaning up (e.g. SIGKILL): a detached shell polls
 * for this process once a second. workerd, started by Miniflare, would otherwise be orphaned.
 */
export function killWhenOrphaned(pids: readonly number[]) {
  if (pids.length === 0) return;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -9 ${pids.join(" ")} 2>/dev/null`;
  const watchdog = spawn("sh", ["-c", script], { detached: true, stdio: "ignore" });
  watchdog.unref();
  onCleanup(() => {
    watchdog.kill("SIGKILL");
  });
}

export function hasTaskset(): boolean {
  const probe = spawnSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
  return probe.status === 0;
}

/** Pins every thread of `pid` to `cpu`; answers whether it worked. */
export function pinProcess(pid: number, cpu: number): boolean {
  const result = spawnSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], {
    stdio: "ignore",
  });
  return result.status === 0;
}

let clockTicks: number | undefined;

/** CPU time (user + system, seconds) used so far by the processes `pids`, from /proc. */
export function cpuSeconds(pids: readonly number[]): number {
  if (clockTicks === undefined) {
    const probe = spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" });
    clockTicks = Number(probe.stdout?.trim()) || 100;
  }
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After "pid (comm) ": state is field 0, utime field 11, stime field 12.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // gone
    }
  }
  return ticks / clockTicks;
}

/** Direct children of `parent` whose command name is `name` (Linux /proc). */
export function childProcesses(parent: number, name: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // pid (comm) state ppid …; comm may contain spaces, so split after the last ')'.
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === parent && comm === name) found.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

/**
 * Starts `node <script>` (optionally pinned to `cpu`), passing `input` as JSON on stdin and
 * resolving with the first JSON line it prints. The child exits when its stdin closes, so it
 * cannot outlive this process.
 */
export async function startNodeChild<T>(
  script: string,
  input: unknown,
  cpu: number | null,
): Promise<{ child: ChildProcess; message: T }> {
  const command = cpu === null ? process.execPath : "taskset";
  const args = cpu === null ? [script] : ["-c", String(cpu), process.execPath, script];
  const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"] });
  const pid = child.pid;
  onCleanup(() => stopChild(child), pid === undefined ? [] : [pid]);
  child.stdin?.write(`${JSON.stringify(input)}\n`);
  const message = await new Promise<T>((resolve, reject) => {
    let buffered = "";
    child.once("exit", (code) => reject(new Error(`${script} exited early (code ${code})`)));
    child.stdout?.on("data", (data: Buffer) => {
      buffered += data.toString("utf8");
      const newline = buffered.indexOf("\n");
      if (newline >= 0) resolve(JSON.parse(buffered.slice(0, newline)) as T);
    });
  });
  return { child, message };
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
  await exited;
  clearTimeout(timer);
  if (child.pid !== undefined) forgetPid(child.pid);
}
