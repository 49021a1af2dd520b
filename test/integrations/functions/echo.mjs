// Returns its event and the context fields a handler sees.
export async function handler(event, context) {
  return { event, functionName: context.functionName, invokedFunctionArn: context.invokedFunctionArn };
}
