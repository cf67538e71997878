/**
 * A fake of the parts of Cloudflare's v4 API that the deploy tooling and the real wrangler call
 * (wrangler honours `CLOUDFLARE_API_BASE_URL`). State lives in `<dir>/state.json`, the file the
 * recording fake wrangler also reads and writes, so both see the same account:
 * `{ workers: { name: { secrets: [names], services?: [{ binding, service }] } } }`.
 * Every request is recorded; a route it does not know is recorded in `unknown` and answered as
 * Cloudflare answers one (code 7003), so a test can assert that wrangler asked nothing unexpected.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";

const errors = JSON.parse(
  readFileSync(new URL("./fixtures/cloudflare-api-errors.json", import.meta.url), "utf8"),
) as Record<
  "tokenRefused" | "workerNotFound" | "internalError" | "noRoute",
  { status: number; body: unknown }
>;

/** Captured error bodies, with their sources in the file. */
export const FIXTURES = errors;

interface WorkerState {
  secrets: string[];
  services?: Array<{ binding: string; service: string }>;
}

export interface FakeApiRequest {
  method: string;
  path: string;
  query: string;
}

interface Failure {
  method?: string;
  path: RegExp;
  status: number;
  body: unknown;
}

export interface FakeCloudflareApi {
  /** `CLOUDFLARE_API_BASE_URL` for this fake. */
  baseUrl: string;
  token: string;
  accountId: string;
  requests: FakeApiRequest[];
  unknown: string[];
  /** Answer matching requests with this status and body (a fixture's, by default). */
  fail(failure: Failure): void;
  /** When true, a DELETE of a Worker answers success but the Worker stays. */
  keepDeletedWorkers: boolean;
  close(): Promise<void>;
}

type State = { workers: Record<string, WorkerState> };
type Answer = [status: number, body: unknown];

const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });

export async function startFakeCloudflareApi(dir: string): Promise<FakeCloudflareApi> {
  const statePath = join(dir, "state.json");
  const load = () => JSON.parse(readFileSync(statePath, "utf8")) as State;
  const save = (state: State) => writeFileSync(statePath, JSON.stringify(state, null, 2));
  const failures: Failure[] = [];

  const notFound = (): Answer => [errors.workerNotFound.status, errors.workerNotFound.body];
  const ok = (result: unknown): Answer => [200, envelope(result)];
  const routes: Array<[string, RegExp, (state: State, params: string[]) => Answer]> = [
    [
      "GET",
      /^\/workers\/scripts$/,
      (state) =>
        ok(Object.keys(state.workers).map((id) => ({ id, created_on: "2026-01-01T00:00:00Z" }))),
    ],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/secrets$/,
      (state, [name = ""]) => {
        const worker = state.workers[name];
        if (!worker) return notFound();
        return ok(worker.secrets.map((secret) => ({ name: secret, type: "secret_text" })));
      },
    ],
    [
      "DELETE",
      /^\/workers\/scripts\/([^/]+)\/secrets\/([^/]+)$/,
      (state, [name = "", secret]) => {
        const worker = state.workers[name];
        if (!worker) return notFound();
        worker.secrets = worker.secrets.filter((candidate) => candidate !== secret);
        save(state);
        return ok(null);
      },
    ],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/references$/,
      (state, [name = ""]) => {
        if (!state.workers[name]) return notFound();
        const incoming = Object.entries(state.workers)
          .filter(([, worker]) => worker.services?.some((binding) => binding.service === name))
          .map(([service]) => ({ service, environment: "production" }));
        return ok({
          services: { incoming, outgoing: [], pages_function: false },
          durable_objects: [],
          dispatch_outbounds: [],
        });
      },
    ],
    ["GET", /^\/workers\/tails\/by-consumer\/[^/]+$/, () => ok([])],
    [
      "DELETE",
      /^\/workers\/services\/([^/]+)$/,
      (state, [name = ""]) => {
        if (!state.workers[name]) return notFound();
        if (!fake.keepDeletedWorkers) {
          delete state.workers[name];
          save(state);
        }
        return ok(null);
      },
    ],
    [
      "GET",
      /^\/storage\/kv\/namespaces$/,
      () => [
        200,
        { ...envelope([]), result_info: { page: 1, per_page: 100, count: 0, total_count: 0 } },
      ],
    ],
  ];

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://fake");
    const method = request.method ?? "GET";
    const path = url.pathname.replace(/^\/client\/v4/, "");
    fake.requests.push({ method, path, query: url.search });
    const send = (status: number, body: unknown) => {
      response.writeHead(status, { "content-type": "application/json" });
      response.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    const failure = failures.find(
      (candidate) =>
        (!candidate.method || candidate.method === method) && candidate.path.test(path),
    );
    if (failure) return send(failure.status, failure.body);
    if (request.headers.authorization !== `Bearer ${fake.token}`) {
      return send(errors.tokenRefused.status, errors.tokenRefused.body);
    }
    const account = /^\/accounts\/([^/]+)(\/.*)$/.exec(path);
    if (account && account[1] !== fake.accountId) {
      return send(errors.tokenRefused.status, errors.tokenRefused.body);
    }
    const rest = account?.[2] ?? path;
    for (const [routeMethod, pattern, answer] of routes) {
      const match = pattern.exec(rest);
      if (routeMethod === method && match) {
        const [status, body] = answer(load(), match.slice(1));
        return send(status, body);
      }
    }
    fake.unknown.push(`${method} ${path}${url.search}`);
    return send(errors.noRoute.status, errors.noRoute.body);
  };

  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => handle(request, response));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const fake: FakeCloudflareApi = {
    baseUrl: `http://127.0.0.1:${port}/client/v4`,
    token: "fake-cloudflare-token",
    accountId: "0123456789abcdef0123456789abcdef",
    requests: [],
    unknown: [],
    keepDeletedWorkers: false,
    fail: (failure) => failures.push(failure),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
