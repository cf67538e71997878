/**
 * ISO-639-1 codes → the language names Whisper's verbose_json reports (openai/whisper
 * tokenizer.py LANGUAGES; the AI SDK maps these names back to codes). A code not listed is
 * reported as it is.
 */
const NAMES: Record<string, string> = {
  en: "english",
  zh: "chinese",
  de: "german",
  es: "spanish",
  ru: "russian",
  ko: "korean",
  fr: "french",
  ja: "japanese",
  pt: "portuguese",
  tr: "turkish",
  pl: "polish",
  ca: "catalan",
  nl: "dutch",
  ar: "arabic",
  sv: "swedish",
  it: "italian",
  id: "indonesian",
  hi: "hindi",
  fi: "finnish",
  vi: "vietnamese",
  he: "hebrew",
  uk: "ukrainian",
  el: "greek",
  ms: "malay",
  cs: "czech",
  ro: "romanian",
  da: "danish",
  hu: "hungarian",
  ta: "tamil",
  no: "norwegian",
  th: "thai",
  ur: "urdu",
  hr: "croatian",
  bg: "bulgarian",
  lt: "lithuanian",
  fa: "persian",
  bn: "bengali",
  sk: "slovak",
  sr: "serbian",
  sl: "slovenian",
};

/** `en-US` or `en` → `english`; anything else as given. */
export function languageName(code: string): string {
  return NAMES[code.toLowerCase().split(/[-_]/)[0] ?? ""] ?? code;
}
