/**
 * The largest request body either worker accepts: inline images and PDFs travel base64 in the
 * body, and Gemini's own inline request cap is 20 MB. Larger bodies are a 413 before they are read.
 */
export const MAX_BODY_BYTES = 25 * 1024 * 1024;
