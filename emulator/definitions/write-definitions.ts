import { writeFileSync } from "node:fs";
import { buildDefinitions } from "./build-definitions.ts";

/** `node emulator/definitions/write-definitions.ts`: regenerates v1beta.json after an upgrade. */
const target = new URL("./v1beta.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(buildDefinitions(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
