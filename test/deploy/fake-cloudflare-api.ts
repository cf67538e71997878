/**
 * A fake of the parts of Cloudflare's v4 API that the deploy tooling and the real wrangler 4 call
 * (wrangler honours `CLOUDFLARE_API_BASE_URL`): listing Workers, their references and tails,
 * secrets, `wrangler deploy` (service metadata, whole upload or new version + deployment,
 * workers.dev subdomain) and `wrangler delete` (which also lists KV namespaces). The routes were
 * found by running wrangler against it and reading what it asked. State lives in
 * `<dir>/state.json`, the file the recording fake wrangler also reads and writes, so both see the
 * same account: `{ workers: { name: { secrets: [names], services?: [{ binding, service }] } } }`
 * — secret names only, never values.
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
  /** Set by an upload through the API (the real wrangler's deploy); names only, never values. */
  vars?: string[];
  placement?: unknown;
  limits?: unknown;
  workersDev?: boolean;
}

/** What an upload's `metadata` part holds that the fake looks at. */
interface UploadMetadata {
  bindings?: Array<{ name: string; type: string; service?: string }>;
  keep_bindings?: string[];
  placement?: unknown;
  limits?: unknown;
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
type Route = [
  method: string,
  path: RegExp,
  answer: (state: State, params: string[], request: Request) => Answer | Promise<Answer>,
];

const envelope = (result: unknown) => ({ success: true, errors: [], messages: [], result });

export async function startFakeCloudflareApi(dir: string): Promise<FakeCloudflareApi> {
  const statePath = join(dir, "state.json");
  const load = () => JSON.parse(readFileSync(statePath, "utf8")) as State;
  const save = (state: State) => writeFileSync(statePath, JSON.stringify(state, null, 2));
  const failures: Failure[] = [];

  /**
   * An upload's bindings become the Worker's state: names only, never a secret's value. Secrets
   * not in the upload are kept when `keep_bindings` says so (as `wrangler deploy --secrets-file`
   * asks), as on Cloudflare.
   */
  const upload = async (state: State, name: string, request: Request) => {
    const form = await request.formData();
    const part = form.get("metadata");
    const metadata = JSON.parse(
      typeof part === "string" ? part : ((await part?.text()) ?? "{}"),
    ) as UploadMetadata;
    const bindings = metadata.bindings ?? [];
    const named = (type: string) =>
      bindings.filter((binding) => binding.type === type).map((binding) => binding.name);
    const previous = state.workers[name];
    const kept = metadata.keep_bindings?.includes("secret_text") ? (previous?.secrets ?? []) : [];
    state.workers[name] = {
      secrets: [...new Set([...kept, ...named("secret_text")])].sort(),
      services: bindings
        .filter((binding) => binding.type === "service")
        .map((binding) => ({ binding: binding.name, service: binding.service ?? "" })),
      vars: named("plain_text"),
      placement: metadata.placement,
      ...(metadata.limits !== undefined && { limits: metadata.limits }),
      ...(previous?.workersDev !== undefined && { workersDev: previous.workersDev }),
    };
    save(state);
  };
  const notFound = (): Answer => [errors.workerNotFound.status, errors.workerNotFound.body];
  const ok = (result: unknown): Answer => [200, envelope(result)];
  const routes: Route[] = [
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
    // wrangler deploy: the service's metadata (10007 for a new Worker), then the upload.
    [
      "GET",
      /^\/workers\/services\/([^/]+)$/,
      (state, [name = ""]) => {
        if (!state.workers[name]) return notFound();
        return ok({
          id: name,
          default_environment: {
            environment: "production",
            script: { id: name, tag: `tag-${name}`, tags: [], last_deployed_from: "wrangler" },
          },
        });
      },
    ],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/deployments$/,
      (state, [name = ""]) => (state.workers[name] ? ok({ deployments: [] }) : notFound()),
    ],
    ["GET", /^\/workers\/subdomain$/, () => ok({ subdomain: "fake-account" })],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/subdomain$/,
      (state, [name = ""]) => {
        const worker = state.workers[name];
        if (!worker) return notFound();
        return ok({ enabled: worker.workersDev ?? false, previews_enabled: false });
      },
    ],
    [
      "POST",
      /^\/workers\/scripts\/([^/]+)\/subdomain$/,
      async (state, [name = ""], request) => {
        const worker = state.workers[name];
        if (!worker) return notFound();
        const { enabled } = (await request.json()) as { enabled: boolean };
        worker.workersDev = enabled;
        save(state);
        return ok({ enabled, previews_enabled: false });
      },
    ],
    [
      "GET",
      /^\/workers\/scripts\/([^/]+)\/settings$/,
      (state, [name = ""]) =>
        state.workers[name]
          ? ok({ logpush: false, tail_consumers: [], observability: null })
          : notFound(),
    ],
    // A new Worker is uploaded whole; an existing one gets a new version, then a deployment.
    [
      "PUT",
      /^\/workers\/scripts\/([^/]+)$/,
      async (state, [name = ""], request) => {
        await upload(state, name, request);
        return ok({ id: name, etag: `etag-${name}`, startup_time_ms: 1, has_modules: true });
      },
    ],
    [
      "POST",
      /^\/workers\/scripts\/([^/]+)\/versions$/,
      async (state, [name = ""], request) => {
        if (!state.workers[name]) return notFound();
        await upload(state, name, request);
        return ok({
          id: `version-${name}`,
          resources: { script: { etag: `etag-${name}` } },
          startup_time_ms: 1,
        });
      },
    ],
    [
      "POST",
      /^\/workers\/scripts\/([^/]+)\/deployments$/,
      (state, [name = ""]) => (state.workers[name] ? ok({ id: `deployment-${name}` }) : notFound()),
    ],
    [
      "PATCH",
      /^\/workers\/scripts\/([^/]+)\/script-settings$/,
      (state, [name = ""]) => (state.workers[name] ? ok({}) : notFound()),
    ],
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

  const handle = async (request: IncomingMessage, body: Buffer, response: ServerResponse) => {
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
        const web = new Request(`http://fake${request.url}`, {
          method,
          headers: { "content-type": request.headers["content-type"] ?? "application/json" },
          ...(body.length > 0 && { body: new Uint8Array(body) }),
        });
        const [status, answerBody] = await answer(load(), match.slice(1), web);
        return send(status, answerBody);
      }
    }
    fake.unknown.push(`${method} ${path}${url.search}`);
    return send(errors.noRoute.status, errors.noRoute.body);
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      handle(request, Buffer.concat(chunks), response).catch((error: unknown) => {
        fake.unknown.push(`error ${String(error)}`);
        response.writeHead(500).end();
      });
    });
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
