import { keyPrint } from "../../common/key-fingerprint.ts";
import type { ApiKey } from "../gemini/api-key.ts";

const cache = new WeakMap<readonly ApiKey[], Promise<KeyPrints>>();

/** This worker's keys by print, and each key's print (computed once per key list and isolate). */
export interface KeyPrints {
  byPrint: ReadonlyMap<string, ApiKey>;
  printOf(key: ApiKey): string;
}

export function keyPrints(keys: readonly ApiKey[]): Promise<KeyPrints> {
  let prints = cache.get(keys);
  if (!prints) {
    prints = Promise.all(keys.map((key) => keyPrint(key.value))).then((list) => {
      const byPrint = new Map<string, ApiKey>();
      const ofKey = new Map<string, string>();
      keys.forEach((key, position) => {
        const print = list[position] ?? "";
        // Two keys with one print (1 in 4 billion per pair) would be one owner: the first wins.
        if (!byPrint.has(print)) byPrint.set(print, key);
        ofKey.set(key.value, print);
      });
      return { byPrint, printOf: (key: ApiKey) => ofKey.get(key.value) ?? "" };
    });
    cache.set(keys, prints);
  }
  return prints;
}
