import { type CloudflareAccount, CloudflareApiError, cloudflareRequest } from "./api.ts";

/** The names of every Worker on the account (`GET /accounts/{id}/workers/scripts`). */
export async function listWorkers(account: CloudflareAccount): Promise<string[]> {
  const path = `/accounts/${account.accountId}/workers/scripts`;
  const scripts = await cloudflareRequest<unknown>(account, path);
  if (!Array.isArray(scripts)) {
    throw new CloudflareApiError(path, 200, [], "the Worker list is not a list.");
  }
  return scripts.map((script: { id?: unknown }) => {
    if (typeof script?.id !== "string") {
      throw new CloudflareApiError(path, 200, [], "a Worker in the list has no name.");
    }
    return script.id;
  });
}

interface ScriptName {
  service?: string;
  script?: string;
  environment?: string;
}

/** What Cloudflare says depends on a Worker (the shape wrangler's `delete` reads). */
interface WorkerReferences {
  services?: { incoming?: ScriptName[]; pages_function?: boolean };
  durable_objects?: Array<ScriptName & { durable_object_namespace_name?: string }>;
  dispatch_outbounds?: Array<ScriptName & { namespace?: string }>;
}

export interface Dependent {
  /** The Worker (or Pages project) that depends on this one. */
  worker: string;
  /** How: a service binding, a Durable Object namespace, a dispatch outbound, a tail. */
  how: string;
}

const nameOf = (details: ScriptName) => details.script ?? details.service ?? "(unnamed)";

/**
 * Everything that depends on `worker`: service bindings, Pages Functions, Durable Object
 * namespaces, dispatch outbounds and tail consumers — what wrangler's `delete` checks — or null
 * when Cloudflare says definitely that the Worker does not exist (code 10007).
 */
export async function workerDependents(
  account: CloudflareAccount,
  worker: string,
): Promise<Dependent[] | null> {
  const base = `/accounts/${account.accountId}/workers`;
  let references: WorkerReferences;
  try {
    references = await cloudflareRequest<WorkerReferences>(
      account,
      `${base}/scripts/${worker}/references`,
    );
  } catch (error) {
    if (error instanceof CloudflareApiError && error.notFound) return null;
    throw error;
  }
  const tails = await cloudflareRequest<Array<{ producer?: ScriptName }>>(
    account,
    `${base}/tails/by-consumer/${worker}`,
  );
  const dependents: Dependent[] = [];
  for (const entry of references.services?.incoming ?? []) {
    dependents.push({ worker: nameOf(entry), how: "service binding" });
  }
  if (references.services?.pages_function) {
    dependents.push({ worker: "a Pages project", how: "service binding" });
  }
  for (const entry of references.durable_objects ?? []) {
    if (nameOf(entry) !== worker) {
      dependents.push({ worker: nameOf(entry), how: "Durable Object namespace" });
    }
  }
  for (const entry of references.dispatch_outbounds ?? []) {
    dependents.push({ worker: nameOf(entry), how: "dispatch outbound" });
  }
  for (const entry of Array.isArray(tails) ? tails : []) {
    dependents.push({ worker: nameOf(entry.producer ?? {}), how: "tail consumer" });
  }
  return dependents;
}
