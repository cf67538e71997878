/**
 * Writes the zod part of the schema corpus (test/fixtures/schemas/zod/): realistic tool and
 * response shapes as zod 4's `z.toJSONSchema` emits them (draft 2020-12, and draft-7 for a few),
 * plus zod 3 schemas through `zod-to-json-schema` (draft-7 `definitions` and path `$ref`s), the
 * converter most MCP servers written with zod 3 use.
 *
 *   node scripts/schemas/capture-zod.ts
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as z from "zod";
import * as z3 from "zod/v3";
import { zodToJsonSchema } from "zod-to-json-schema";

interface Category {
  name: string;
  subcategories: Category[];
}
const Category: z.ZodType<Category> = z.lazy(() =>
  z.object({ name: z.string(), subcategories: z.array(Category) }),
);
const TreeNode = z.object({
  value: z.number(),
  get children() {
    return z.array(TreeNode).optional();
  },
});
const Address = z.object({
  street: z.string(),
  city: z.string(),
  postcode: z.string().regex(/^[0-9]{5}$/),
});
const Priority = z.union([z.literal(1), z.literal(2), z.literal(3)]);

const zod4: Record<string, z.ZodType> = {
  "create-calendar-event": z.object({
    title: z.string().min(1).max(200).describe("Event title"),
    start: z.iso.datetime().describe("Start, ISO 8601"),
    end: z.iso.datetime().optional(),
    attendees: z.array(z.email()).max(50).default([]),
    reminderMinutes: z.number().int().nonnegative().optional(),
    visibility: z.enum(["public", "private", "confidential"]).default("private"),
  }),
  "set-http-headers": z.object({
    url: z.url(),
    headers: z.record(z.string(), z.string()).describe("Header name to value"),
    timeoutMs: z.number().int().positive().max(60_000).optional(),
  }),
  "move-piece": z.object({
    from: z.tuple([z.number().int().min(0).max(7), z.number().int().min(0).max(7)]),
    to: z.tuple([z.number().int().min(0).max(7), z.number().int().min(0).max(7)]),
    promotion: z.enum(["queen", "rook", "bishop", "knight"]).nullable(),
  }),
  "search-with-filters": z.object({
    query: z.string(),
    filter: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("date"), after: z.iso.date(), before: z.iso.date().optional() }),
      z.object({ kind: z.literal("author"), name: z.string() }),
      z.object({ kind: z.literal("tag"), tags: z.array(z.string()).min(1) }),
    ]),
    limit: z.number().int().min(1).max(100).default(10),
  }),
  "set-task-priority": z.object({
    taskId: z.uuid(),
    priority: Priority.describe("1 = high, 3 = low"),
    note: z.string().nullish(),
  }),
  "category-tree": z.object({ root: Category }),
  "binary-tree": TreeNode,
  "ship-order": z.object({
    orderId: z.string(),
    shipping: Address,
    billing: Address.optional(),
    items: z
      .array(
        z.object({
          sku: z.string(),
          quantity: z.number().int().min(1),
          price: z.number().positive(),
        }),
      )
      .min(1),
    express: z.boolean().default(false),
  }),
  "update-settings": z.object({
    settings: z.record(
      z.enum(["theme", "language", "fontSize"]),
      z.union([z.string(), z.number()]),
    ),
    flags: z.record(z.string(), z.boolean()).optional(),
  }),
  "intersection-profile": z.object({
    profile: z.intersection(
      z.object({ id: z.string(), name: z.string() }),
      z.object({ roles: z.array(z.enum(["admin", "editor", "viewer"])) }),
    ),
  }),
  "run-query": z.object({
    sql: z.string(),
    params: z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
    format: z.literal("json"),
  }),
  "extract-invoice": z.object({
    invoiceNumber: z.string(),
    issuedOn: z.iso.date(),
    currency: z.string().length(3),
    lines: z.array(
      z.object({
        description: z.string(),
        amount: z.number(),
        taxRate: z.number().min(0).max(1).nullable(),
      }),
    ),
    total: z.number(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  }),
  "json-value": z.object({ value: z.json() }),
  "any-payload": z.object({ event: z.string(), payload: z.any(), extra: z.unknown().optional() }),
};

const zod4Draft7: Record<string, z.ZodType> = {
  "move-piece-draft7": zod4["move-piece"] as z.ZodType,
  "category-tree-draft7": zod4["category-tree"] as z.ZodType,
};

const Person3 = z3.object({ name: z3.string(), email: z3.string().email().optional() });
const zod3: Record<string, z3.ZodTypeAny> = {
  "zts-send-email": z3.object({
    to: z3.array(Person3).min(1),
    cc: z3.array(Person3).optional(),
    subject: z3.string(),
    body: z3.string(),
    priority: z3.union([z3.literal(1), z3.literal(2), z3.literal(3)]).optional(),
    headers: z3.record(z3.string()).optional(),
  }),
  "zts-geo-route": z3.object({
    waypoints: z3.array(z3.tuple([z3.number(), z3.number()])).min(2),
    mode: z3.enum(["driving", "walking", "cycling"]),
    avoid: z3.array(z3.enum(["tolls", "highways", "ferries"])).optional(),
    departAt: z3.string().datetime().nullable(),
  }),
};

const OUT = new URL("../../test/fixtures/schemas/zod/", import.meta.url);
const versionOf = (pkg: string) =>
  (
    JSON.parse(
      readFileSync(new URL(`../../node_modules/${pkg}/package.json`, import.meta.url), "utf8"),
    ) as {
      version: string;
    }
  ).version;
const version = versionOf("zod");
const tools: { name: string; source: string; schema: unknown }[] = [];
for (const [name, schema] of Object.entries(zod4)) {
  tools.push({
    name,
    source: `zod ${version} z.toJSONSchema (draft 2020-12)`,
    schema: z.toJSONSchema(schema),
  });
}
for (const [name, schema] of Object.entries(zod4Draft7)) {
  tools.push({
    name,
    source: `zod ${version} z.toJSONSchema, target draft-7`,
    schema: z.toJSONSchema(schema, { target: "draft-7" }),
  });
}
for (const [name, schema] of Object.entries(zod3)) {
  tools.push({
    name,
    source: `zod/v3 through zod-to-json-schema ${versionOf("zod-to-json-schema")}`,
    schema: zodToJsonSchema(schema),
  });
}
tools.push({
  name: "zts-send-email-named",
  source: `zod/v3 through zod-to-json-schema ${versionOf("zod-to-json-schema")}, named ({ $ref, definitions })`,
  schema: zodToJsonSchema(zod3["zts-send-email"] as z3.ZodTypeAny, "SendEmail"),
});
const fixture = {
  source: `scripts/schemas/capture-zod.ts: zod ${version} and zod-to-json-schema ${versionOf("zod-to-json-schema")}`,
  tools,
};
writeFileSync(new URL("zod.json", OUT), `${JSON.stringify(fixture, null, 2)}\n`);
console.log(`zod: ${tools.length} schemas`);
