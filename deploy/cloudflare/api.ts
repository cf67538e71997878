import { UserError } from "../user-error.ts";

/** Where and as whom the deploy tooling talks to Cloudflare: the same variables wrangler reads. */
export interface CloudflareAccount {
  /** `CLOUDFLARE_API_BASE_URL` (tests point it at a fake), else Cloudflare's v4 API. */
  baseUrl: string;
  token: string;
  accountId: string;
}

export const DEFAULT_API_BASE_URL = "https://api.cloudflare.com/client/v4";

/**
 * The account from the environment. A missing token or account id stops the run here, before
 * wrangler guesses: without `CLOUDFLARE_ACCOUNT_ID` it would pick an account from the token's
 * memberships, or refuse when there are several.
 */
export function cloudflareAccount(env: Record<string, string | undefined>): CloudflareAccount {
  const token = env.CLOUDFLARE_API_TOKEN?.trim();
  if (!token) {
    throw new UserError(
      "CLOUDFLARE_API_TOKEN is not set (or empty): create an API token as the README's Deploy section says and set it (in CI, the CF_API_TOKEN secret).",
    );
  }
  const accountId = env.CLOUDFLARE_ACCOUNT_ID?.trim();
  if (!accountId) {
    throw new UserError(
      "CLOUDFLARE_ACCOUNT_ID is not set (or empty): set your account id (in CI, the CF_ACCOUNT_ID secret) so no account is guessed.",
    );
  }
  const baseUrl = (env.CLOUDFLARE_API_BASE_URL?.trim() || DEFAULT_API_BASE_URL).replace(/\/+$/, "");
  return { baseUrl, token, accountId };
}

/** One entry of Cloudflare's `errors` array. */
export interface CloudflareMessage {
  code: number;
  message: string;
}

/** A Cloudflare API call that did not succeed; `notFound` only for a definite 10007. */
export class CloudflareApiError extends UserError {
  override name = "CloudflareApiError";
  readonly status: number;
  readonly errors: readonly CloudflareMessage[];
  constructor(path: string, status: number, errors: readonly CloudflareMessage[], cause: string) {
    super(`Cloudflare API ${path}: ${cause}`);
    this.status = status;
    this.errors = errors;
  }

  /** Cloudflare's "This Worker does not exist on your account." */
  get notFound(): boolean {
    return this.errors.some((error) => error.code === WORKER_NOT_FOUND);
  }
}

export const WORKER_NOT_FOUND = 10007;

interface Envelope<T> {
  success?: unknown;
  errors?: unknown;
  result?: T;
}

/** What to tell the user for a failure, by HTTP status: the cause and the fix. */
function explain(status: number, errors: readonly CloudflareMessage[]): string {
  const codes = errors.map((error) => `${error.message} [code: ${error.code}]`).join("; ");
  const said = codes ? ` (${codes})` : "";
  if (status === 401 || status === 403 || errors.some((error) => error.code === 10000)) {
    return `the API token was refused, HTTP ${status}${said}. Check that CLOUDFLARE_API_TOKEN is current and has the permissions the README lists, on the account CLOUDFLARE_ACCOUNT_ID.`;
  }
  if (status >= 500)
    return `Cloudflare failed, HTTP ${status}${said}. Nothing was changed on a guess; run again later.`;
  return `HTTP ${status}${said}.`;
}

/**
 * A call to Cloudflare's v4 API, `{ success, errors, messages, result }`. Anything but a
 * successful envelope throws a `CloudflareApiError` naming the cause; nothing is read as "empty".
 */
export async function cloudflareRequest<T>(
  account: CloudflareAccount,
  path: string,
  init: { method?: string } = {},
): Promise<T> {
  const url = `${account.baseUrl}${path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method ?? "GET",
      headers: { Authorization: `Bearer ${account.token}`, Accept: "application/json" },
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const reason = error instanceof Error ? (error.cause ?? error).toString() : String(error);
    throw new CloudflareApiError(path, 0, [], `could not reach ${account.baseUrl} (${reason}).`);
  }
  const text = await response.text();
  let envelope: Envelope<T> | undefined;
  try {
    envelope = JSON.parse(text) as Envelope<T>;
  } catch {
    envelope = undefined;
  }
  const errors = Array.isArray(envelope?.errors)
    ? envelope.errors.map((error: { code?: unknown; message?: unknown }) => ({
        code: Number(error?.code),
        message: String(error?.message ?? ""),
      }))
    : [];
  if (!response.ok || envelope?.success !== true) {
    throw new CloudflareApiError(path, response.status, errors, explain(response.status, errors));
  }
  if (envelope.result === undefined) {
    throw new CloudflareApiError(path, response.status, [], "the answer held no result.");
  }
  return envelope.result;
}
