import { describe, expect, it } from "vitest";
import { readTag, tagId } from "../../../common/resource-tag.ts";
import {
  resourcesInInteraction,
  tagInteraction,
  tagInteractionEvent,
} from "../../../src/affinity/interaction-refs.ts";

const PRINT = "a1b2c3d4";
const OTHER = "0f0e0d0c";
const ID = "v1_ChdJbnRlcmFjdGlvbkFCQw";

describe("tagging an interaction's ids", () => {
  it("tags id, previous_interaction_id and continuation_token of an Interaction", () => {
    const interaction = {
      id: ID,
      previous_interaction_id: "v1_before",
      continuation_token: "CgZ0b2tlbg==",
      status: "completed",
      steps: [{ type: "function_call", id: "call_1", name: "f", arguments: {} }],
    };
    tagInteraction(interaction, PRINT);
    expect(readTag(interaction.id)).toEqual({ id: ID, print: PRINT });
    expect(readTag(interaction.previous_interaction_id)).toEqual({ id: "v1_before", print: PRINT });
    expect(readTag(interaction.continuation_token)?.id).toBe("CgZ0b2tlbg==");
    // A step's own id is not an interaction's.
    expect(interaction.steps[0]?.id).toBe("call_1");
  });

  it("tags the lifecycle events' interaction and a status update's interaction_id, not event ids", () => {
    const created = { event_type: "interaction.created", event_id: "ev1", interaction: { id: ID } };
    const update = { event_type: "interaction.status_update", interaction_id: ID, event_id: "ev2" };
    const start = { event_type: "step.start", index: 0, step: { type: "function_call", id: "c" } };
    for (const event of [created, update, start]) tagInteractionEvent(event, PRINT);
    expect(readTag(created.interaction.id)?.print).toBe(PRINT);
    expect(readTag(update.interaction_id)?.print).toBe(PRINT);
    expect(created.event_id).toBe("ev1");
    expect(start.step.id).toBe("c");
  });
});

describe("what a create-interaction body names", () => {
  it("finds previous_interaction_id, a tagged continuation token, a cache and Gemini files in input, and untags them", () => {
    const fileUri = `https://generativelanguage.googleapis.com/v1beta/files/${tagId("abcdefghijkl", PRINT)}`;
    const body: Record<string, unknown> = {
      model: "gemini-3.8-flash",
      previous_interaction_id: tagId(ID, PRINT),
      continuation_token: tagId("CgZ0b2tlbg==", PRINT),
      cached_content: `cachedContents/${tagId("c".repeat(40), PRINT)}`,
      input: [
        { type: "text", text: "see" },
        { type: "document", uri: fileUri, mime_type: "application/pdf" },
        { type: "image", uri: "https://example.com/cat.png" },
      ],
    };
    const named = resourcesInInteraction(body);
    expect(named.map((item) => [item.ref.collection, item.ref.print])).toEqual([
      ["interactions", PRINT],
      ["interactions", PRINT],
      ["cachedContents", PRINT],
      ["files", PRINT],
    ]);
    for (const item of named) item.untag();
    expect(body).toMatchObject({
      previous_interaction_id: ID,
      continuation_token: "CgZ0b2tlbg==",
      cached_content: `cachedContents/${"c".repeat(40)}`,
      input: [
        { type: "text" },
        { uri: "https://generativelanguage.googleapis.com/v1beta/files/abcdefghijkl" },
        { uri: "https://example.com/cat.png" },
      ],
    });
  });

  it("names nothing in a fresh interaction, and leaves an untagged token alone", () => {
    expect(resourcesInInteraction({ model: "m", input: "hi" })).toEqual([]);
    expect(resourcesInInteraction({ model: "m", continuation_token: "opaque" })).toEqual([]);
  });

  it("reads an untagged previous id as a name to look for, and refuses a malformed one", () => {
    const [found] = resourcesInInteraction({ previous_interaction_id: ID });
    expect(found?.ref).toMatchObject({ id: ID, print: null });
    expect(() => resourcesInInteraction({ previous_interaction_id: "../x" })).toThrow(
      /not a valid/,
    );
  });

  it("keeps each resource's own key, so two keys are told apart", () => {
    const named = resourcesInInteraction({
      previous_interaction_id: tagId(ID, PRINT),
      input: [{ type: "document", uri: `https://h/v1beta/files/${tagId("abcdefghijkl", OTHER)}` }],
    });
    expect(named.map((item) => item.ref.print)).toEqual([PRINT, OTHER]);
  });
});
