/** The part of autocannon 9's API the benchmark uses (the package ships no types). */
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface AutocannonClient extends EventEmitter {
    on(event: "request", listener: () => void): this;
    on(event: "body", listener: (body: Buffer) => void): this;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  interface AutocannonOptions {
    url: string;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    connections?: number;
    duration?: number;
    pipelining?: number;
    timeout?: number;
    setupClient?: (client: AutocannonClient) => void;
  }

  interface Histogram {
    average: number;
    p50: number;
    p90: number;
    p99: number;
    max: number;
  }

  interface AutocannonResult {
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    latency: Histogram;
    requests: Histogram & { total: number };
  }

  interface AutocannonInstance extends EventEmitter {
    on(
      event: "response",
      listener: (
        client: AutocannonClient,
        statusCode: number,
        bytes: number,
        milliseconds: number,
      ) => void,
    ): this;
    stop(): void;
  }

  function autocannon(
    options: AutocannonOptions,
    callback: (error: Error | null, result: AutocannonResult) => void,
  ): AutocannonInstance;

  export default autocannon;
  export type { AutocannonClient, AutocannonOptions, AutocannonResult };
}
