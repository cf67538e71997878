/** The backend worker's environment. Keys are discovered by name (`KEY1`…`KEYn`), so any string binding may be one. */
export interface Env {
  /** Bearer token clients must send. Unset → every request is refused (fail closed). */
  PASS?: string;
  /** Upstream base URL; defaults to Google's. Tests and the local emulator set it. */
  GEMINI_BASE_URL?: string;
  /** Model used when a request names none, or names a non-Gemini model. */
  DEFAULT_MODEL?: string;
  /** Embedding model used when a request names a non-Gemini one (default gemini-embedding-001). */
  DEFAULT_EMBEDDING_MODEL?: string;
  /** Image model for OpenAI image model names (dall-e-3, gpt-image-1, ...); default gemini-3-pro-image. */
  DEFAULT_IMAGE_MODEL?: string;
  /** Speech model for OpenAI TTS model names (tts-1, gpt-4o-mini-tts, ...); default gemini-3.8-flash-tts. */
  DEFAULT_TTS_MODEL?: string;
  /** Transcription model for OpenAI ones (whisper-1, gpt-4o-transcribe, ...); default gemini-3.5-transcribe. */
  DEFAULT_TRANSCRIPTION_MODEL?: string;
  /** Comma-separated origins allowed by CORS; `*` (the default) allows any. */
  CORS_ORIGINS?: string;
  /**
   * Seconds (default 300) Gemini may keep one attempt waiting: for its response headers (then
   * another key is tried) and between two pieces of a body (a stream then ends with an error event).
   */
  UPSTREAM_TIMEOUT_S?: string;
  /** Seconds (default 15) a started stream may be silent before its surface's keep-alive is sent. */
  STREAM_KEEPALIVE_S?: string;
  /** "true" lets remote image_url fetches reach http:// loopback addresses (local testing only). */
  IMAGE_FETCH_ALLOW_LOOPBACK?: string;
  /** JSON object: Claude model names (or words in them: opus, sonnet, haiku, default) → Gemini models. */
  ANTHROPIC_MODEL_MAP?: string;
  /**
   * JSON `{"<6-hex fingerprint>": "KEY10", …}`: the variable each key came from (written by the
   * deploy tooling and `npm start`), so the status and logs name keys as the user knows them.
   */
  KEY_NAMES?: string;
  /** Secret per-user tokens are signed with (`npm run tokens`); unset → only PASS is accepted. */
  TOKEN_SECRET?: string;
  /** Ids of revoked per-user tokens, separated by commas or white space. */
  REVOKED_TOKENS?: string;
  [name: string]: unknown;
}

export const DEFAULT_GEMINI_BASE_URL = "https://generativelanguage.googleapis.com";
export const DEFAULT_UPSTREAM_TIMEOUT_S = 300;
export const FALLBACK_DEFAULT_MODEL = "gemini-3.8-flash";
