// Returns raw payload bytes (not JSON), and logs a line.
export async function handler(event) {
  console.log('bytes handler called with', JSON.stringify(event));
  return Buffer.from('not json at all', 'utf8');
}
