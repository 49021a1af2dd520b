// Fails with an error payload given verbatim (key order kept).
export async function handler(event, context) {
  const err = new Error('ignored');
  err.name = 'CustomException';
  err.lambdaErrorPayload = { errorType: 'CustomException', errorMessage: 'custom', requestId: context.awsRequestId, stackTrace: [] };
  throw err;
}
