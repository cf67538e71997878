import { describe, expect, it } from "vitest";
import { checkImageUrl } from "../../../src/images/check-image-url.ts";

describe("checkImageUrl", () => {
  it.each(["https://images.example.com/cat.png", "https://cdn.example.org:443/a/b.jpg?x=1"])(
    "admits the public https URL %s",
    (url) => {
      expect(checkImageUrl(url, false)).toBeInstanceOf(URL);
    },
  );

  it.each([
    ["http://images.example.com/cat.png", "must use https"],
    ["https://127.0.0.1/x.png", "must name a host, not an IP address"],
    ["https://2130706433/x.png", "must name a host, not an IP address"],
    ["https://0x7f.1/x.png", "must name a host, not an IP address"],
    ["https://[::1]/x.png", "must name a host, not an IP address"],
    ["https://169.254.169.254/latest/meta-data", "must name a host, not an IP address"],
    ["https://localhost/x.png", "must name a public host"],
    ["https://intranet/x.png", "must name a public host"],
    ["https://metadata.google.internal/x", "must name a public host"],
    ["https://printer.local/x.png", "must name a public host"],
    ["https://app.localhost/x.png", "must name a public host"],
    ["https://images.example.com:8443/x.png", "must use the default https port"],
    ["https://user:pw@images.example.com/x.png", "must not contain credentials"],
    ["file:///etc/passwd", "must use https"],
    ["not a url", "is not a valid URL"],
  ])("refuses %s: %s", (url, reason) => {
    expect(checkImageUrl(url, false)).toBe(reason);
  });

  it("admits loopback over http only when explicitly allowed", () => {
    expect(checkImageUrl("http://127.0.0.1:9000/x.png", true)).toBeInstanceOf(URL);
    expect(checkImageUrl("http://localhost:9000/x.png", true)).toBeInstanceOf(URL);
    expect(checkImageUrl("http://10.0.0.1/x.png", true)).toBe("must use https");
    expect(checkImageUrl("http://127.0.0.1:9000/x.png", false)).toBe("must use https");
  });
});
