/** One Gemini API key of this worker. Logs and messages name it by index (and fingerprint), never by value. */
export interface ApiKey {
  /** The number in the variable name: `KEY7` → 7. */
  index: number;
  value: string;
}
