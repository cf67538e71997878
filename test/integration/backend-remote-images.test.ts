import { createServer, type Server } from "node:http";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BackendFixture, startBackend } from "../support/backend.ts";

const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

let images: Server;
let imagesUrl = "";
let backend: BackendFixture;

beforeAll(async () => {
  images = createServer((request, response) => {
    switch (request.url) {
      case "/cat.png":
        response.writeHead(200, { "content-type": "image/png" }).end(PNG);
        return;
      case "/redirect-to-cat":
        response.writeHead(302, { location: "/cat.png" }).end();
        return;
      case "/redirect-to-metadata":
        response.writeHead(302, { location: "http://169.254.169.254/latest/meta-data" }).end();
        return;
      case "/page.html":
        response.writeHead(200, { "content-type": "text/html" }).end("<html></html>");
        return;
      case "/huge.png":
        // Streams more than the 10 MiB cap without announcing a length.
        response.writeHead(200, { "content-type": "image/png" });
        for (let chunk = 0; chunk < 11; chunk++) response.write(Buffer.alloc(1024 * 1024));
        response.end();
        return;
      default:
        response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => images.listen(0, "127.0.0.1", resolve));
  const address = images.address();
  imagesUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  backend = await startBackend({ bindings: { IMAGE_FETCH_ALLOW_LOOPBACK: "true" } });
});
afterAll(async () => {
  await backend.close();
  await new Promise((resolve) => images.close(resolve));
});

const askAbout = (url: string) =>
  backend.client.chat.completions.create({
    model: "gemini-2.5-flash",
    messages: [
      {
        role: "user",
        content: [
          { type: "text", text: "describe" },
          { type: "image_url", image_url: { url } },
        ],
      },
    ],
  });

describe("remote image_url (loopback allowed for this test)", () => {
  it("downloads the image and sends it to Gemini inline", async () => {
    const completion = await askAbout(`${imagesUrl}/cat.png`);
    expect(completion.choices[0]?.message.content).toContain("image/png");
  });

  it("follows a redirect whose target passes the checks", async () => {
    const completion = await askAbout(`${imagesUrl}/redirect-to-cat`);
    expect(completion.choices[0]?.message.content).toContain("image/png");
  });

  it.each([
    ["a redirect into a private address", "/redirect-to-metadata"],
    ["a response that is not an image", "/page.html"],
    ["an image over the byte cap", "/huge.png"],
    ["a missing image", "/missing.png"],
  ])("refuses %s with 400", async (_name, path) => {
    const error = await askAbout(`${imagesUrl}${path}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
  });
});
