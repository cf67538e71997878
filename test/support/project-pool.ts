import { GoogleGenAI } from "@google/genai";
import { PASS, startTopology, type Topology, type TopologyOptions } from "./topology.ts";

/**
 * The pool the stateful tests (files and caches, batches and stores, Interactions) run over: keys
 * of four Google projects spread over three backends (project-a's and project-c's keys on two
 * backends each), k-c1 rate-limited on every call and k-bad unknown to Gemini (API_KEY_INVALID).
 * A resource lives in the project of the key that made it; the emulator refuses any other.
 */
export const SHARDS = [
  ["k-a1", "k-b1", "k-bad"],
  ["k-a2", "k-c1"],
  ["k-c2", "k-d1"],
];
const PROJECTS = [
  { id: "project-a", keys: ["k-a1", "k-a2"] },
  { id: "project-b", keys: ["k-b1"] },
  { id: "project-c", keys: ["k-c1", "k-c2"] },
  { id: "project-d", keys: ["k-d1"] },
];

/** The project a key belongs to. */
export const projectOf = (key: string | undefined) =>
  PROJECTS.find((project) => key !== undefined && project.keys.includes(key))?.id;

/** The topology over that pool, and @google/genai pointed at it with PASS. */
export async function startProjectPool(
  emulator: TopologyOptions["emulator"] = {},
): Promise<{ topology: Topology; genai: GoogleGenAI }> {
  const topology = await startTopology({
    shards: SHARDS,
    emulator: { ...emulator, projects: PROJECTS },
  });
  topology.emulator.setOptions({ keys: SHARDS.flat().filter((key) => key !== "k-bad") });
  topology.emulator.setKeyBehavior("k-c1", { kind: "rate-limit", retryDelaySeconds: 30 });
  const genai = new GoogleGenAI({ apiKey: PASS, httpOptions: { baseUrl: topology.url } });
  return { topology, genai };
}
