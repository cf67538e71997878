/** Parts the model makes besides text: an image (image models) and executed code. */

/** A 1×1 PNG, the emulator's deterministic "generated image". */
export const GENERATED_IMAGE = {
  mimeType: "image/png",
  data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
};

export interface ExecutedCode {
  code: string;
  outcome: "OUTCOME_OK" | "OUTCOME_FAILED";
  output: string;
}

/** The code the emulator "writes" for a prompt, and what running it printed. */
export function executeCode(prompt: string, fails: boolean): ExecutedCode {
  if (fails) {
    return {
      code: `print(len(${JSON.stringify(prompt)}) / 0)`,
      outcome: "OUTCOME_FAILED",
      output:
        'Traceback (most recent call last):\n  File "<string>", line 1, in <module>\nZeroDivisionError: division by zero\n',
    };
  }
  return {
    code: `print(len(${JSON.stringify(prompt)}))`,
    outcome: "OUTCOME_OK",
    output: `${[...prompt].length}\n`,
  };
}
