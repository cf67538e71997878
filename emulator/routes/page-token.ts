import { invalidArgument } from "../errors.ts";

/** List pages: an opaque token holding the offset, and Google's pageSize rule (default, max). */
export function pageOf<T>(
  items: readonly T[],
  searchParams: URLSearchParams,
  sizes: { default: number; max: number },
): { page: T[]; nextPageToken?: string } {
  const requested = Number(searchParams.get("pageSize") ?? 0);
  if (!Number.isInteger(requested) || requested < 0) {
    throw invalidArgument("Invalid page size: must be a non-negative integer.");
  }
  const size = Math.min(requested || sizes.default, sizes.max);
  const token = searchParams.get("pageToken") ?? "";
  let start = 0;
  if (token !== "") {
    const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
    if (!match) throw invalidArgument("Invalid page token.");
    start = Number(match[1]);
  }
  const page = items.slice(start, start + size);
  const next = start + size;
  return {
    page,
    ...(next < items.length && {
      nextPageToken: Buffer.from(`offset:${next}`).toString("base64url"),
    }),
  };
}
