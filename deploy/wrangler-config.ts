import { stringify } from "smol-toml";
import { parseRateLimits, RATE_LIMIT_PERIOD_S, rateLimitBinding } from "../common/rate-limit.ts";
import { backendKeyPrints, backendWeights, type DeployPlan } from "./plan.ts";

/** Must not be later than the date of the workerd that the pinned wrangler runs locally. */
export const COMPATIBILITY_DATE = "2026-04-01";
/** `request.signal` fires when the caller goes away, so upstream work is cancelled with it. */
export const COMPATIBILITY_FLAGS = ["enable_request_signal"];

/** Smart Placement, or Targeted Placement in a cloud region such as `gcp:us-central1`. */
export type Placement = { mode: "smart" } | { mode: "targeted"; region: string };

/** The placement the options ask for, if any. */
export function placementFor(options: {
  smartPlacement: boolean;
  placementRegion: string | null;
}): Placement | undefined {
  if (options.placementRegion) return { mode: "targeted", region: options.placementRegion };
  return options.smartPlacement ? { mode: "smart" } : undefined;
}

export interface WranglerConfig {
  name: string;
  main: string;
  compatibility_date: string;
  compatibility_flags?: string[];
  workers_dev?: boolean;
  observability: { enabled: boolean };
  placement?: Placement;
  limits?: { cpu_ms: number };
  vars?: Record<string, string>;
  services?: Array<{ binding: string; service: string }>;
  ratelimits?: Array<{
    name: string;
    namespace_id: string;
    simple: { limit: number; period: number };
  }>;
  analytics_engine_datasets?: Array<{ binding: string; dataset: string }>;
}

/** The Analytics Engine dataset usage data points go to (`USAGE_DATASET` renames it). */
export const DEFAULT_USAGE_DATASET = "zen_ai_router_usage";

/**
 * Rate Limiting namespaces are numbered per account: the gateway's are this base plus the limit
 * (`RATE_LIMIT_60` → 1060060), so a redeploy keeps each limit's counters. Counters are keyed by
 * token id, so two gateways in one account never share a token's count.
 */
const RATE_LIMIT_NAMESPACE_BASE = 1_060_000;

/** The dataset `USAGE_DATASET` names (default DEFAULT_USAGE_DATASET); `none` records no usage. */
export function usageDatasetFrom(env: Record<string, string | undefined>): string | null {
  const name = env.USAGE_DATASET?.trim() || DEFAULT_USAGE_DATASET;
  return name === "none" ? null : name;
}

interface ConfigOptions {
  /** The entry module, as wrangler should resolve it from where the config is written. */
  main: string;
  vars?: Record<string, string>;
  /** Where the worker runs: near Gemini rather than near the caller (Gemini refuses some regions). */
  placement?: Placement;
  /** Whether the worker gets a public workers.dev URL (default true). */
  public?: boolean;
  /** The worker enforces per-token rate limits: one binding per limit in `vars.RATE_LIMITS`. */
  entry?: boolean;
  /** Analytics Engine dataset for usage data points (binding `USAGE`); null: none. */
  usageDataset?: string | null;
  /** The CPU time a request may use (`limits.cpu_ms`, paid plan); unset keeps the plan's own. */
  cpuMs?: number | null;
}

/**
 * What every worker needs and nothing else: no Durable Object, D1, R2 or KV bindings. Secrets
 * (keys, PASS) never appear here; they are uploaded as Worker secrets.
 */
function baseConfig(name: string, options: ConfigOptions): WranglerConfig {
  return {
    name,
    main: options.main,
    compatibility_date: COMPATIBILITY_DATE,
    compatibility_flags: [...COMPATIBILITY_FLAGS],
    workers_dev: options.public ?? true,
    observability: { enabled: true },
    ...(options.placement && { placement: { ...options.placement } }),
    ...(options.cpuMs != null && { limits: { cpu_ms: options.cpuMs } }),
    ...(options.vars && Object.keys(options.vars).length > 0 && { vars: { ...options.vars } }),
    ...(options.entry && rateLimitBindings(options.vars?.RATE_LIMITS)),
    ...(options.usageDataset && {
      analytics_engine_datasets: [{ binding: "USAGE", dataset: options.usageDataset }],
    }),
  };
}

/** One Rate Limiting binding per limit the deployment offers (RATE_LIMITS). */
function rateLimitBindings(value: string | undefined): Pick<WranglerConfig, "ratelimits"> {
  const limits = parseRateLimits(value ?? "");
  if (limits.length === 0) return {};
  return {
    ratelimits: limits.map((limit) => ({
      name: rateLimitBinding(limit),
      namespace_id: String(RATE_LIMIT_NAMESPACE_BASE + limit),
      simple: { limit, period: RATE_LIMIT_PERIOD_S },
    })),
  };
}

export function backendConfig(name: string, options: ConfigOptions): WranglerConfig {
  return baseConfig(name, options);
}

/**
 * The orchestrator: one service binding per backend of the plan, their weights, and their keys'
 * prints (BACKEND_KEYS: where a tagged resource's key is).
 */
export function orchestratorConfig(plan: DeployPlan, options: ConfigOptions): WranglerConfig {
  return {
    ...baseConfig(plan.orchestratorName, { entry: true, ...options }),
    vars: {
      ...options.vars,
      BACKEND_WEIGHTS: JSON.stringify(backendWeights(plan)),
      BACKEND_KEYS: JSON.stringify(backendKeyPrints(plan)),
    },
    services: plan.backends.map((backend) => ({ binding: backend.binding, service: backend.name })),
  };
}

export function toToml(config: WranglerConfig): string {
  return `# Generated by zen-ai-router's deploy tooling from the sharding plan; do not edit.\n${stringify(config)}\n`;
}
