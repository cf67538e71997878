import {
  bool,
  bytes,
  double,
  duration,
  enumOf,
  enumType,
  inOneof,
  type MessageType,
  message,
  messageOf,
  repeated,
  string,
  struct,
} from "./proto-types.ts";

/** google.ai.generativelanguage.v1beta.Content and Part, as the v1beta API defines them. */

const MEDIA_RESOLUTION = enumType("MediaResolution", [
  "MEDIA_RESOLUTION_UNSPECIFIED",
  "MEDIA_RESOLUTION_LOW",
  "MEDIA_RESOLUTION_MEDIUM",
  "MEDIA_RESOLUTION_HIGH",
]);
export const mediaResolutionEnum = MEDIA_RESOLUTION;

const BLOB = message("Blob", { mime_type: string(), data: bytes() });
const FILE_DATA = message("FileData", { mime_type: string(), file_uri: string() });
const FUNCTION_CALL = message("FunctionCall", { id: string(), name: string(), args: struct() });
const FUNCTION_RESPONSE_BLOB = message("FunctionResponseBlob", {
  mime_type: string(),
  data: bytes(),
});
const FUNCTION_RESPONSE_PART = message("FunctionResponsePart", {
  inline_data: inOneof(
    "data",
    messageOf(() => FUNCTION_RESPONSE_BLOB),
  ),
});
const FUNCTION_RESPONSE = message("FunctionResponse", {
  id: string(),
  name: string(),
  response: struct(),
  parts: repeated(messageOf(() => FUNCTION_RESPONSE_PART)),
  will_continue: bool(),
  scheduling: enumOf(
    enumType("FunctionResponse.Scheduling", [
      "SCHEDULING_UNSPECIFIED",
      "SILENT",
      "WHEN_IDLE",
      "INTERRUPT",
    ]),
  ),
});
const EXECUTABLE_CODE = message("ExecutableCode", {
  language: enumOf(enumType("ExecutableCode.Language", ["LANGUAGE_UNSPECIFIED", "PYTHON"])),
  code: string(),
});
const CODE_EXECUTION_RESULT = message("CodeExecutionResult", {
  outcome: enumOf(
    enumType("CodeExecutionResult.Outcome", [
      "OUTCOME_UNSPECIFIED",
      "OUTCOME_OK",
      "OUTCOME_FAILED",
      "OUTCOME_DEADLINE_EXCEEDED",
    ]),
  ),
  output: string(),
});
const VIDEO_METADATA = message("VideoMetadata", {
  start_offset: duration(),
  end_offset: duration(),
  fps: double(),
});
const PART_MEDIA_RESOLUTION = message("Part.MediaResolution", {
  level: enumOf(
    enumType("Part.MediaResolution.Level", [
      "MEDIA_RESOLUTION_UNSPECIFIED",
      "MEDIA_RESOLUTION_LOW",
      "MEDIA_RESOLUTION_MEDIUM",
      "MEDIA_RESOLUTION_HIGH",
      "MEDIA_RESOLUTION_ULTRA_HIGH",
    ]),
  ),
});

/** The members of Part's `data` oneof, in proto order. */
export const PART_DATA_FIELDS = [
  "text",
  "inline_data",
  "function_call",
  "function_response",
  "file_data",
  "executable_code",
  "code_execution_result",
] as const;

export const PART: MessageType = message("Part", {
  text: inOneof("data", string()),
  inline_data: inOneof(
    "data",
    messageOf(() => BLOB),
  ),
  function_call: inOneof(
    "data",
    messageOf(() => FUNCTION_CALL),
  ),
  function_response: inOneof(
    "data",
    messageOf(() => FUNCTION_RESPONSE),
  ),
  file_data: inOneof(
    "data",
    messageOf(() => FILE_DATA),
  ),
  executable_code: inOneof(
    "data",
    messageOf(() => EXECUTABLE_CODE),
  ),
  code_execution_result: inOneof(
    "data",
    messageOf(() => CODE_EXECUTION_RESULT),
  ),
  video_metadata: inOneof(
    "metadata",
    messageOf(() => VIDEO_METADATA),
  ),
  thought: bool(),
  thought_signature: bytes(),
  part_metadata: struct(),
  media_resolution: messageOf(() => PART_MEDIA_RESOLUTION),
});

export const CONTENT: MessageType = message("Content", {
  parts: repeated(messageOf(() => PART)),
  role: string(),
});
