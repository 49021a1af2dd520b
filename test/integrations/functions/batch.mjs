// Answers at once, counting its invocations in module state (one count per
// environment); { crash: true } ends its runtime, { ms } answers after ms.
import { threadId } from 'node:worker_threads';

let calls = 0;
export function handler(event) {
  calls++;
  if (event.crash) process.exit(3);
  const out = { v: event.v, calls, threadId };
  return event.ms ? new Promise((r) => setTimeout(r, event.ms, out)) : out;
}
