/**
 * Decides whether the worker may fetch a client-supplied image URL on the client's behalf, so the
 * gateway cannot be used to reach private networks: https only, a public DNS name only — no IP
 * literal, no `localhost`, no single-label or internal names. `allowLoopback` (local testing)
 * additionally admits http and the loopback names/addresses, nothing else.
 */
const INTERNAL_SUFFIXES = [
  ".localhost",
  ".local",
  ".localdomain",
  ".internal",
  ".intranet",
  ".lan",
  ".home",
  ".home.arpa",
  ".corp",
  ".private",
  ".arpa",
];

const IPV4_LITERAL = /^\d{1,3}(\.\d{1,3}){3}$/;
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function checkImageUrl(raw: string, allowLoopback: boolean): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "is not a valid URL";
  }
  if (url.username || url.password) return "must not contain credentials";
  // The WHATWG parser already normalises 0x7f.1, 2130706433 and friends to dotted IPv4.
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const isLoopback = LOOPBACK_HOSTS.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (allowLoopback && isLoopback && (url.protocol === "http:" || url.protocol === "https:")) {
    return url;
  }
  if (url.protocol !== "https:") return "must use https";
  if (IPV4_LITERAL.test(host) || host.startsWith("[")) return "must name a host, not an IP address";
  if (host === "localhost" || !host.includes(".")) return "must name a public host";
  if (INTERNAL_SUFFIXES.some((suffix) => host.endsWith(suffix))) return "must name a public host";
  if (url.port && url.port !== "443") return "must use the default https port";
  return url;
}
