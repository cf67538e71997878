import { ApiError, badRequest } from "../../common/api-error.ts";
import { FAILOVER_HEADER, OWNER_HEADER } from "../../common/backend-protocol.ts";

/**
 * The tag names a key this backend does not hold. The orchestrator reads OWNER_HEADER and sends
 * the request to the backend that holds it; when no backend does, this is the client's answer:
 * the key was removed from the gateway, and what it created is out of reach with it.
 */
export function goneWithItsKey(name: string, print: string): ApiError {
  return new ApiError(
    404,
    `${name} was created with the gateway's key ${print.slice(0, 6)}, which the gateway no longer holds: it stays in that key's Google project, out of reach of the other keys. Create it again.`,
    {
      code: "not_found",
      headers: { [OWNER_HEADER]: print, [FAILOVER_HEADER]: "another-backend" },
    },
  );
}

/** An untagged name that none of this backend's keys can see; other backends may own it. */
export function ownedByNoKeyHere(name: string): ApiError {
  return new ApiError(
    404,
    `${name} was not found with any of the gateway's keys (it is not one the gateway handed out, or it expired or was deleted).`,
    {
      code: "not_found",
      headers: { [OWNER_HEADER]: "unknown", [FAILOVER_HEADER]: "another-backend" },
    },
  );
}

/** One request naming resources that different keys created: no single key can serve it. */
export const ownersDiffer = (first: string, second: string) =>
  badRequest(
    null,
    `The request names ${first} and ${second}, which belong to different keys of the gateway (different Google projects); one request can use only one key's resources. Upload or cache them again together.`,
    "resources_of_different_keys",
  );
