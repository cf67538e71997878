import {
  bool,
  enumOf,
  enumType,
  float,
  int64,
  type MessageType,
  mapOf,
  message,
  messageOf,
  repeated,
  string,
  value,
} from "./proto-types.ts";

/** Schema (Gemini's OpenAPI subset), Tool and ToolConfig. Nothing else is accepted in a Schema. */

export const SCHEMA_TYPE = enumType(
  "Type",
  ["TYPE_UNSPECIFIED", "STRING", "NUMBER", "INTEGER", "BOOLEAN", "ARRAY", "OBJECT", "NULL"],
  true,
);

export const SCHEMA: MessageType = message("Schema", {
  type: enumOf(SCHEMA_TYPE),
  format: string(),
  title: string(),
  description: string(),
  nullable: bool(),
  enum: repeated(string()),
  max_items: int64(),
  min_items: int64(),
  properties: mapOf(messageOf(() => SCHEMA)),
  required: repeated(string()),
  min_properties: int64(),
  max_properties: int64(),
  min_length: int64(),
  max_length: int64(),
  pattern: string(),
  example: value(),
  any_of: repeated(messageOf(() => SCHEMA)),
  property_ordering: repeated(string()),
  default: value(),
  items: messageOf(() => SCHEMA),
  minimum: { type: { kind: "double" } },
  maximum: { type: { kind: "double" } },
});

const FUNCTION_DECLARATION = message("FunctionDeclaration", {
  name: string(),
  description: string(),
  behavior: enumOf(
    enumType("FunctionDeclaration.Behavior", ["UNSPECIFIED", "BLOCKING", "NON_BLOCKING"]),
  ),
  parameters: messageOf(() => SCHEMA),
  parameters_json_schema: value(),
  response: messageOf(() => SCHEMA),
  response_json_schema: value(),
});

const INTERVAL = message("Interval", { start_time: string(), end_time: string() });
const DYNAMIC_RETRIEVAL_CONFIG = message("DynamicRetrievalConfig", {
  mode: enumOf(enumType("DynamicRetrievalConfig.Mode", ["MODE_UNSPECIFIED", "MODE_DYNAMIC"])),
  dynamic_threshold: float(),
});

export const TOOL: MessageType = message("Tool", {
  function_declarations: repeated(messageOf(() => FUNCTION_DECLARATION)),
  google_search_retrieval: messageOf(() =>
    message("GoogleSearchRetrieval", {
      dynamic_retrieval_config: messageOf(() => DYNAMIC_RETRIEVAL_CONFIG),
    }),
  ),
  code_execution: messageOf(() => message("CodeExecution", {})),
  google_search: messageOf(() =>
    message("Tool.GoogleSearch", { time_range_filter: messageOf(() => INTERVAL) }),
  ),
  url_context: messageOf(() => message("UrlContext", {})),
  google_maps: messageOf(() => message("GoogleMaps", { enable_widget: bool() })),
});

export const FUNCTION_CALLING_MODE = enumType("FunctionCallingConfig.Mode", [
  "MODE_UNSPECIFIED",
  "AUTO",
  "ANY",
  "NONE",
  "VALIDATED",
]);

const LAT_LNG = message("LatLng", {
  latitude: { type: { kind: "double" } },
  longitude: { type: { kind: "double" } },
});

export const TOOL_CONFIG: MessageType = message("ToolConfig", {
  function_calling_config: messageOf(() =>
    message("FunctionCallingConfig", {
      mode: enumOf(FUNCTION_CALLING_MODE),
      allowed_function_names: repeated(string()),
    }),
  ),
  retrieval_config: messageOf(() =>
    message("RetrievalConfig", { lat_lng: messageOf(() => LAT_LNG), language_code: string() }),
  ),
});
