// The handler of scenario 3b, loaded by Switchyard's local Lambda functions.
export function handler(event) {
  return { doubled: event.v * 2 };
}
