// Answers after `ms` milliseconds (its event's field) with the time it ran.
export async function handler(event, context) {
  const started = Date.now();
  await new Promise((r) => setTimeout(r, event.ms ?? 0));
  return { started, ended: Date.now(), remaining: context.getRemainingTimeInMillis() };
}
