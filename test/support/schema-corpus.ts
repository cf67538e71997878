import { readdirSync, readFileSync } from "node:fs";

/** One real schema of the corpus in test/fixtures/schemas/ (see its README for the sources). */
export interface CorpusSchema {
  /** `mcp/server-github.json#create_pull_request_review` */
  id: string;
  /** The tool (or model) name, usable as a Gemini function name. */
  name: string;
  description?: string;
  source: string;
  schema: Record<string, unknown>;
}

interface FixtureFile {
  source: string;
  tools: { name: string; description?: string; source?: string; schema: Record<string, unknown> }[];
}

const ROOT = new URL("../fixtures/schemas/", import.meta.url);

export function loadSchemaCorpus(): CorpusSchema[] {
  const corpus: CorpusSchema[] = [];
  for (const group of readdirSync(ROOT, { withFileTypes: true })) {
    if (!group.isDirectory()) continue;
    for (const file of readdirSync(new URL(`${group.name}/`, ROOT)).filter((name) =>
      name.endsWith(".json"),
    )) {
      const fixture = JSON.parse(
        readFileSync(new URL(`${group.name}/${file}`, ROOT), "utf8"),
      ) as FixtureFile;
      for (const tool of fixture.tools) {
        corpus.push({
          id: `${group.name}/${file}#${tool.name}`,
          name: tool.name,
          ...(tool.description && { description: tool.description }),
          source: tool.source ?? fixture.source,
          schema: tool.schema,
        });
      }
    }
  }
  return corpus;
}
