import { invalidArgument, type SemanticProblem } from "../errors.ts";
import type { GenerateContentRequest } from "./request-shapes.ts";
import { checkSchema } from "./schema-rules.ts";

const FUNCTION_NAME = /^[a-zA-Z_][a-zA-Z0-9_.:-]{0,63}$/;

/** Function declarations, their schemas and the function calling config. */
export function checkTools(request: GenerateContentRequest, problems: SemanticProblem[]) {
  const declared: string[] = [];
  request.tools?.forEach((tool, toolIndex) => {
    tool.functionDeclarations?.forEach((declaration, index) => {
      const path = `tools[${toolIndex}].function_declarations[${index}]`;
      const name = declaration.name ?? "";
      declared.push(name);
      if (!FUNCTION_NAME.test(name)) {
        problems.push({
          path: `${path}.name`,
          message:
            "Invalid function name. Must start with a letter or an underscore. Must be alphameric (a-z, A-Z, 0-9), underscores (_), dots (.), colons (:), or dashes (-), with a maximum length of 64.",
        });
      }
      if (declaration.parameters && declaration.parametersJsonSchema !== undefined) {
        problems.push({
          path: `${path}.parameters`,
          message: "parameters and parameters_json_schema cannot both be set.",
        });
      }
      if (declaration.response && declaration.responseJsonSchema !== undefined) {
        problems.push({
          path: `${path}.response`,
          message: "response and response_json_schema cannot both be set.",
        });
      }
      if (declaration.parameters)
        checkSchema(declaration.parameters, `${path}.parameters`, problems);
      if (declaration.response) checkSchema(declaration.response, `${path}.response`, problems);
    });
  });
  const responseSchema = request.generationConfig?.responseSchema;
  if (responseSchema) checkSchema(responseSchema, "generation_config.response_schema", problems);

  const calling = request.toolConfig?.functionCallingConfig;
  if (!calling) return;
  const mode = calling.mode ?? "MODE_UNSPECIFIED";
  const forcing = mode === "ANY" || mode === "VALIDATED";
  if (forcing && declared.length === 0) {
    throw invalidArgument("Function calling config is set without function_declarations.");
  }
  const allowed = calling.allowedFunctionNames ?? [];
  if (allowed.length > 0 && !forcing) {
    problems.push({
      path: "tool_config.function_calling_config.allowed_function_names",
      message: "allowed_function_names should only be set when the mode is ANY or VALIDATED.",
    });
  }
  allowed.forEach((name, index) => {
    if (!declared.includes(name)) {
      problems.push({
        path: `tool_config.function_calling_config.allowed_function_names[${index}]`,
        message: `function name "${name}" is not found in function_declarations.`,
      });
    }
  });
}
