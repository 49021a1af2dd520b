// A TypeScript handler, loaded through tsx inside its environment.
export async function handler(event: { n: number }): Promise<{ doubled: number }> {
  return { doubled: event.n * 2 };
}
