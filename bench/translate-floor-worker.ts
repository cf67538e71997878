/**
 * A reference for what translating costs at the least: a worker that turns an OpenAI chat request
 * into Gemini's `generateContent` and the answer back with nothing else — no auth, no validation,
 * no key pool, no timeouts, no logging, no framework, text messages only. Not a gateway anyone
 * should run; it tells how much of the router's CPU above a bare forward any translation pays.
 * Served by bench/paths.ts as the `translate-floor` reference (used by bench/compare-cpu.ts).
 */

interface TranslateEnv {
  UPSTREAM: string;
  KEY: string;
}

interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
}

interface GeminiAnswer {
  candidates: { content: { parts: { text: string }[] } }[];
}

export default {
  async fetch(request: Request, env: TranslateEnv): Promise<Response> {
    const chat = JSON.parse(await request.text()) as ChatRequest;
    const body = JSON.stringify({
      contents: chat.messages.map((message) => ({
        role: message.role === "assistant" ? "model" : "user",
        parts: [{ text: message.content }],
      })),
    });
    const upstream = await fetch(`${env.UPSTREAM}/v1beta/models/${chat.model}:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": env.KEY },
      body,
    });
    const answer = (await upstream.json()) as GeminiAnswer;
    return Response.json({
      id: "chatcmpl-translate-floor",
      object: "chat.completion",
      created: 0,
      model: chat.model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content: answer.candidates[0]?.content.parts[0]?.text },
          finish_reason: "stop",
        },
      ],
    });
  },
};
