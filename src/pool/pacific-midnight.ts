const PACIFIC = "America/Los_Angeles";
const DAY_MS = 24 * 60 * 60 * 1000;

const formatter = new Intl.DateTimeFormat("en-US", {
  timeZone: PACIFIC,
  hourCycle: "h23",
  hour: "numeric",
  minute: "numeric",
  second: "numeric",
});

/** Milliseconds since the last Pacific midnight at `time`. */
function sincePacificMidnight(time: number): number {
  const parts = Object.fromEntries(
    formatter.formatToParts(new Date(time)).map((part) => [part.type, part.value]),
  );
  const seconds = Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
  return seconds * 1000 + (((time % 1000) + 1000) % 1000);
}

/**
 * The next midnight in America/Los_Angeles after `now` (Gemini's daily quotas reset then).
 * Days of 23 or 25 hours (daylight saving) are handled by checking the guess once more.
 */
export function nextPacificMidnight(now: number): number {
  const guess = now - sincePacificMidnight(now) + DAY_MS;
  const off = sincePacificMidnight(guess);
  // A DST day: the guess landed an hour past (or before) midnight.
  if (off === 0) return guess;
  return off < DAY_MS / 2 ? guess - off : guess + (DAY_MS - off);
}
