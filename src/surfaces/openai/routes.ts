import { Hono } from "hono";
import { methodNotAllowed } from "../../../common/api-error.ts";
import type { AppEnv } from "../../http/app-env.ts";
import { requirePass } from "../../http/require-pass.ts";
import { speech } from "./audio/speech.ts";
import { transcriptions, translations } from "./audio/transcriptions.ts";
import { chatCompletions } from "./chat-completions.ts";
import { embeddings } from "./embeddings.ts";
import { imageEdits } from "./images/edits.ts";
import { imageGenerations } from "./images/generations.ts";
import { listModels, retrieveModel } from "./models.ts";

/** The OpenAI API surface (mounted at `/v1/…` and at the root); errors in OpenAI's shape. */
export const openAIRoutes = new Hono<AppEnv>()
  .use(requirePass)
  .post("/chat/completions", chatCompletions)
  .post("/embeddings", embeddings)
  .post("/images/generations", imageGenerations)
  .post("/images/edits", imageEdits)
  .post("/audio/speech", speech)
  .post("/audio/transcriptions", transcriptions)
  .post("/audio/translations", translations)
  .get("/models", listModels)
  // `[\s\S]`, not `.`: an id with a line break must reach the model-id check, not fall through.
  .get("/models/:id{[\\s\\S]+}", retrieveModel);

const knownPaths = [
  "/chat/completions",
  "/embeddings",
  "/images/generations",
  "/images/edits",
  "/audio/speech",
  "/audio/transcriptions",
  "/audio/translations",
  "/models",
  "/models/*",
];
for (const path of knownPaths) {
  openAIRoutes.all(path, (c) => {
    throw methodNotAllowed(c.req.method, c.req.path);
  });
}
