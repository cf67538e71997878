/** A client-supplied id that is safe to log and pass on; anything else is replaced. */
const SAFE_REQUEST_ID = /^[\w.:-]{1,128}$/;

/**
 * The request's `x-request-id` if it is a sane token, else a fresh UUID. Both workers use it, so
 * no client text with line breaks or markup reaches a log line or a response header.
 */
export function requestIdFor(request: Request): string {
  const given = request.headers.get("x-request-id");
  return given && SAFE_REQUEST_ID.test(given) ? given : crypto.randomUUID();
}
