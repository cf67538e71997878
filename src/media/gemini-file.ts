/** A Gemini file as clients name it: `files/{id}`, or its URI (`…/v1beta/files/{id}`). */
const FILE_NAME = /^files\/([a-z0-9-]{1,64})$/;
const FILE_URI =
  /^https:\/\/generativelanguage\.googleapis\.com\/v1(?:beta)?\/files\/([a-z0-9-]{1,64})$/;

/**
 * The URI of a Gemini file (one the gateway's Files API handed out, its tag included) when
 * `value` names one — what Gemini reads as `fileData.fileUri`; null for anything else (a data
 * URL, another https URL).
 */
export function geminiFileUri(value: string): string | null {
  const id = FILE_NAME.exec(value)?.[1] ?? FILE_URI.exec(value)?.[1];
  return id === undefined ? null : `https://generativelanguage.googleapis.com/v1beta/files/${id}`;
}
