// Ends its own runtime mid-invocation.
export async function handler() {
  process.exit(3);
}
