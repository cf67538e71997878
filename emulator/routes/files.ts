import { fileNotVisible, GeminiError, invalidArgument } from "../errors.ts";
import { sendJson } from "../http-io.ts";
import {
  FILE_LIFETIME_MS,
  newId,
  type StoredFile,
  sha256Base64,
  UPLOAD_SESSION_LIFETIME_MS,
} from "../resources/store.ts";
import { addDocument, visibleStore } from "./file-search-stores.ts";
import { pageOf } from "./page-token.ts";
import { jsonBody, type RouteContext } from "./route-context.ts";

/** File URIs name Google's host whoever served the upload, as the real API's do. */
export const FILE_URI_BASE = "https://generativelanguage.googleapis.com/v1beta/files/";
const DOWNLOAD_URI_BASE = "https://generativelanguage.googleapis.com/download/v1beta/files/";

/** A file id the client may choose: ≤ 40 lowercase letters, digits, dashes, no dash at an end (File.name, ai.google.dev/api/files). */
const CHOSEN_ID = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

const iso = (time: number) => new Date(time).toISOString();

/** The project's live file `id`; another project's, or none, is Google's 403. */
export function visibleFile(context: RouteContext, id: string): StoredFile {
  const file = context.state.store.live(context.state.store.files, id, context.state.now());
  if (!file || file.project !== context.project) throw fileNotVisible(id);
  return file;
}

/** `GET /v1beta/files/{id}`. */
export function getFile(context: RouteContext, id: string) {
  sendJson(context.response, 200, visibleFile(context, id).resource);
}

/** `DELETE /v1beta/files/{id}`: `{}`. */
export function deleteFile(context: RouteContext, id: string) {
  visibleFile(context, id);
  context.state.store.files.delete(id);
  sendJson(context.response, 200, {});
}

/** `GET /v1beta/files?pageSize&pageToken`: the project's files, newest first; 10 a page by default, at most 100. */
export function listFiles(context: RouteContext) {
  const { store } = context.state;
  const files = store.listOf(store.files, context.project, context.state.now());
  const { page, nextPageToken } = pageOf(files, context.url.searchParams, {
    default: 10,
    max: 100,
  });
  sendJson(context.response, 200, {
    ...(page.length > 0 && { files: page.map((file) => file.resource) }),
    ...(nextPageToken && { nextPageToken }),
  });
}

/** Makes a file of the project from its metadata (`{file: {name?, displayName?, mimeType?}}`) and bytes. */
export function createFile(
  context: RouteContext,
  metadata: Record<string, unknown>,
  mimeType: string,
  bytes: Buffer,
): Record<string, unknown> {
  const { store } = context.state;
  const now = context.state.now();
  const chosen = typeof metadata.name === "string" ? metadata.name.replace(/^files\//, "") : null;
  if (chosen !== null && !CHOSEN_ID.test(chosen)) {
    throw invalidArgument(
      `Invalid file name ${chosen}: up to 40 lowercase letters, digits or dashes, not starting or ending with a dash.`,
    );
  }
  if (chosen !== null && store.live(store.files, chosen, now)) {
    throw new GeminiError(409, "ALREADY_EXISTS", `File files/${chosen} already exists.`);
  }
  const id = chosen ?? newId(12);
  const resource: Record<string, unknown> = {
    name: `files/${id}`,
    ...(typeof metadata.displayName === "string" && { displayName: metadata.displayName }),
    mimeType: typeof metadata.mimeType === "string" ? metadata.mimeType : mimeType,
    sizeBytes: String(bytes.length),
    createTime: iso(now),
    updateTime: iso(now),
    expirationTime: iso(now + FILE_LIFETIME_MS),
    sha256Hash: sha256Base64(bytes),
    uri: `${FILE_URI_BASE}${id}`,
    state: "ACTIVE",
    source: "UPLOADED",
  };
  store.files.set(id, {
    project: context.project,
    bytes,
    resource,
    createdAt: now,
    expiresAt: now + FILE_LIFETIME_MS,
  });
  return resource;
}

/**
 * A file Google made in a project (a batch's results): `source: GENERATED`, 48 hours like any
 * file, and — unlike an uploaded file — downloadable.
 */
export function createGeneratedFile(
  context: RouteContext,
  project: string,
  id: string,
  text: string,
): Record<string, unknown> {
  const now = context.state.now();
  const bytes = Buffer.from(text, "utf8");
  const resource: Record<string, unknown> = {
    name: `files/${id}`,
    mimeType: "application/jsonl",
    sizeBytes: String(bytes.length),
    createTime: iso(now),
    updateTime: iso(now),
    expirationTime: iso(now + FILE_LIFETIME_MS),
    sha256Hash: sha256Base64(bytes),
    uri: `${FILE_URI_BASE}${id}`,
    downloadUri: `${DOWNLOAD_URI_BASE}${id}:download?alt=media`,
    state: "ACTIVE",
    source: "GENERATED",
  };
  context.state.store.files.set(id, {
    project,
    bytes,
    resource,
    createdAt: now,
    expiresAt: now + FILE_LIFETIME_MS,
  });
  return resource;
}

/**
 * `GET /v1beta/files/{id}:download?alt=media` (also under `/download/v1beta`): the bytes of a
 * file Google generated. An uploaded file is refused — Google serves only generated files' bytes
 * (the text is the emulator's, the rule from the File resource's `downloadUri`, set only for
 * generated files: ai.google.dev/api/files#File).
 */
export function downloadFile(context: RouteContext, id: string) {
  const file = visibleFile(context, id);
  if (file.resource.source !== "GENERATED") {
    throw invalidArgument(
      `File files/${id} was uploaded, not generated: only generated files can be downloaded.`,
    );
  }
  context.response.writeHead(200, {
    "content-type": String(file.resource.mimeType ?? "application/octet-stream"),
    "content-length": file.bytes.length,
  });
  context.response.end(file.bytes);
}

const header = (context: RouteContext, name: string) => {
  const value = context.request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * `POST /upload/v1beta/files`: the resumable protocol (`start`, then `upload` / `upload,
 * finalize` / `query` on the upload URL) and the multipart one, as
 * ai.google.dev/gemini-api/docs/files (REST) and @google/genai's uploader use them. Chunks must
 * arrive at the offset received so far; the session belongs to the project that started it (a
 * key of another project is refused — the emulator's choice, strict where Google may be lenient).
 */
export function upload(context: RouteContext, storeId?: string) {
  if (storeId !== undefined) visibleStore(context, storeId);
  const sessionId = context.url.searchParams.get("upload_id");
  if (sessionId !== null) return continueUpload(context, sessionId, storeId);
  const protocol =
    header(context, "x-goog-upload-protocol") ?? context.url.searchParams.get("uploadType");
  if (protocol === "multipart") return multipartUpload(context, storeId);
  if (protocol !== "resumable" || header(context, "x-goog-upload-command") !== "start") {
    throw invalidArgument(
      "Upload requests must use X-Goog-Upload-Protocol: resumable with command start, or multipart.",
    );
  }
  // A file's metadata comes as `{file: {...}}`; a store upload's as the body itself.
  const body = jsonBody(context) as Record<string, unknown>;
  const metadata = storeId === undefined ? (body.file as Record<string, unknown>) : body;
  const id = newId(40);
  const declared = Number(header(context, "x-goog-upload-header-content-length") ?? Number.NaN);
  context.state.store.uploads.set(id, {
    project: context.project,
    declaredSize: Number.isFinite(declared) ? declared : -1,
    mimeType: header(context, "x-goog-upload-header-content-type") ?? "application/octet-stream",
    metadata: metadata ?? {},
    chunks: [],
    received: 0,
    expiresAt: context.state.now() + UPLOAD_SESSION_LIFETIME_MS,
    ...(storeId !== undefined && { storeId }),
  });
  const host = header(context, "host") ?? "127.0.0.1";
  context.response.writeHead(200, {
    "x-goog-upload-status": "active",
    "x-goog-upload-url": `http://${host}${context.url.pathname}?upload_id=${id}&upload_protocol=resumable`,
    "x-goog-upload-chunk-granularity": "8388608",
    "content-length": 0,
  });
  context.response.end();
}

function continueUpload(context: RouteContext, sessionId: string, storeId: string | undefined) {
  const { store } = context.state;
  const session = store.live(store.uploads, sessionId, context.state.now());
  if (!session || session.storeId !== storeId) {
    throw new GeminiError(404, "NOT_FOUND", "Upload session not found or expired.");
  }
  if (session.project !== context.project) throw fileNotVisible(sessionId);
  const command = (header(context, "x-goog-upload-command") ?? "")
    .split(",")
    .map((word) => word.trim());
  if (command.includes("query")) {
    context.response.writeHead(200, {
      "x-goog-upload-status": "active",
      "x-goog-upload-size-received": String(session.received),
      "content-length": 0,
    });
    return context.response.end();
  }
  if (command.includes("upload")) {
    const offset = Number(header(context, "x-goog-upload-offset") ?? Number.NaN);
    if (offset !== session.received) {
      throw invalidArgument(
        `Upload offset ${offset} does not match the ${session.received} bytes received.`,
      );
    }
    session.chunks.push(context.bodyBytes);
    session.received += context.bodyBytes.length;
  }
  if (!command.includes("finalize")) {
    context.response.writeHead(200, {
      "x-goog-upload-status": "active",
      "x-goog-upload-size-received": String(session.received),
      "content-length": 0,
    });
    return context.response.end();
  }
  if (session.declaredSize >= 0 && session.received !== session.declaredSize) {
    throw invalidArgument(
      `The upload has ${session.received} bytes, not the ${session.declaredSize} declared in X-Goog-Upload-Header-Content-Length.`,
    );
  }
  store.uploads.delete(sessionId);
  const bytes = Buffer.concat(session.chunks);
  sendJson(
    context.response,
    200,
    finished(context, session.metadata, session.mimeType, bytes, storeId),
    {
      "x-goog-upload-status": "final",
    },
  );
}

/** What an upload answers at its end: `{file}`, or a store upload's import operation. */
function finished(
  context: RouteContext,
  metadata: Record<string, unknown>,
  mimeType: string,
  bytes: Buffer,
  storeId: string | undefined,
): Record<string, unknown> {
  if (storeId === undefined) return { file: createFile(context, metadata, mimeType, bytes) };
  const source = {
    displayName: metadata.displayName,
    mimeType: typeof metadata.mimeType === "string" ? metadata.mimeType : mimeType,
    bytes,
    customMetadata: metadata.customMetadata,
  };
  return addDocument(context, storeId, visibleStore(context, storeId), source, "upload/operations");
}

/** `multipart/related`: a JSON part (`{file: {...}}`) and the bytes, each with its headers. */
function multipartUpload(context: RouteContext, storeId: string | undefined) {
  const contentType = header(context, "content-type") ?? "";
  const boundary = /boundary="?([^";]+)"?/.exec(contentType)?.[1];
  if (!boundary)
    throw invalidArgument("Multipart uploads need a multipart/related body with a boundary.");
  const parts: { headers: string; body: Buffer }[] = [];
  const delimiter = Buffer.from(`--${boundary}`);
  const bytes = context.bodyBytes;
  let start = bytes.indexOf(delimiter);
  while (start !== -1) {
    const next = bytes.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = bytes.subarray(start + delimiter.length, next);
    const split = part.indexOf("\r\n\r\n");
    if (split !== -1) {
      let body = part.subarray(split + 4);
      if (body.subarray(-2).toString() === "\r\n") body = body.subarray(0, -2);
      parts.push({ headers: part.subarray(0, split).toString("utf8"), body });
    }
    start = next;
  }
  const [metadataPart, dataPart] = parts;
  if (!metadataPart || !dataPart)
    throw invalidArgument("A multipart upload has a metadata part and a media part.");
  let metadata: Record<string, unknown>;
  try {
    metadata = JSON.parse(metadataPart.body.toString("utf8"));
  } catch {
    throw invalidArgument("The metadata part of a multipart upload must be JSON.");
  }
  const mimeType =
    /content-type:\s*([^\r\n;]+)/i.exec(dataPart.headers)?.[1]?.trim() ??
    "application/octet-stream";
  const fields = storeId === undefined ? (metadata.file as Record<string, unknown>) : metadata;
  sendJson(
    context.response,
    200,
    finished(context, fields ?? {}, mimeType, dataPart.body, storeId),
  );
}
