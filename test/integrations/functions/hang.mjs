// Never returns and never yields: only ending its environment stops it.
export async function handler() {
  for (;;) { /* spin */ }
}
