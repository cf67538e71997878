import { spawn } from "node:child_process";
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { createBrotliDecompress } from "node:zlib";
import { ROOT } from "./workerd.ts";

/** How the tests start a headless Chromium: the binary, its flags and its environment. */
export interface ChromiumLaunch {
  executablePath: string;
  args: string[];
  env: Record<string, string>;
}

const FLAGS = [
  "--no-sandbox",
  "--no-zygote",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  // The machine has no network but loopback: no background calls to Google's hosts.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-domain-reliability",
  "--disable-sync",
  "--no-first-run",
  "--no-default-browser-check",
];

/**
 * The Chromium the browser tests drive: `CHROMIUM_PATH` when set, else the headless build that
 * the `@sparticuz/chromium` devDependency ships inside its npm package (brotli archives, nothing
 * downloaded at install or at run time). It is unpacked once into `node_modules/.cache/` with
 * the libraries it links against (NSS, NSPR, expat; put on its `LD_LIBRARY_PATH`, so a machine
 * without them works too) and its own fonts — `npm install` is all a fresh machine and CI need.
 */
export async function chromium(): Promise<ChromiumLaunch> {
  const override = process.env.CHROMIUM_PATH;
  if (override) return { executablePath: override, args: FLAGS, env: {} };
  const directory = await unpackedChromium();
  return {
    executablePath: join(directory, "chromium"),
    args: FLAGS,
    env: {
      LD_LIBRARY_PATH: [join(directory, "lib"), process.env.LD_LIBRARY_PATH]
        .filter(Boolean)
        .join(":"),
      FONTCONFIG_PATH: directory,
    },
  };
}

async function unpackedChromium(): Promise<string> {
  // The package's entry is build/index.js; its archives are in bin/ beside build/.
  const root = dirname(dirname(createRequire(import.meta.url).resolve("@sparticuz/chromium")));
  const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
    version: string;
  };
  const bin = join(root, "bin");
  const target = join(ROOT, "node_modules", ".cache", "zen-ai-router", `chromium-${version}`);
  if (existsSync(join(target, "chromium"))) return target;
  // Unpacked beside the target and renamed into place: concurrent runs never see half a browser.
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  await Promise.all([
    pipeline(
      createReadStream(join(bin, "chromium.br")),
      createBrotliDecompress(),
      createWriteStream(join(partial, "chromium"), { mode: 0o755 }),
    ),
    untar(join(bin, "al2023.tar.br"), partial), // lib/: NSS, NSPR, expat
    untar(join(bin, "fonts.tar.br"), partial), // fonts/ (its fonts.conf names Lambda's paths)
  ]);
  writeFileSync(join(partial, "fonts.conf"), fontsConf(target));
  try {
    renameSync(partial, target);
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(join(target, "chromium"))) throw error;
  }
  return target;
}

/**
 * A brotli-compressed tar unpacked by the system's `tar`: decompressed to a file first, then
 * read by `tar -xf`. (Piping into tar's stdin broke under load — tar may stop reading at the
 * archive's end marker while the pipe still writes, "Premature close" / "Unexpected EOF".)
 */
async function untar(archive: string, into: string): Promise<void> {
  const plain = join(into, `${basename(archive, ".br")}.unpacking`);
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(plain));
  const tar = spawn("tar", ["-x", "-f", plain, "-C", into], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    tar.once("error", reject);
    tar.once("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`tar exited ${code} unpacking ${archive}`)),
    );
  });
  rmSync(plain);
}

/** The package's fonts, then the system's, with the font cache kept beside them. */
const fontsConf = (directory: string) => `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${directory}/fonts</dir>
  <dir>/usr/share/fonts</dir>
  <cachedir>${directory}/fonts-cache</cachedir>
</fontconfig>
`;
