// How Step Functions names the errors of AWS API calls. Optimized
// integrations report them as the AWS SDK for Java v1 does
// (`DynamoDB.ResourceNotFoundException`, `SQS.AmazonSQSException` for an
// unmodeled error code, cause "... (Service: AmazonSQS; Status Code: 400;
// Error Code: X; Request ID: Y; Proxy: null)"); `aws-sdk:*` integrations as
// v2 does (`S3.NoSuchKeyException`, `DynamoDb.DynamoDbException`, cause
// "... (Service: S3, Status Code: 404, Request ID: Y)"). See the recordings
// in shared/conformance (error_handling/test_aws_sdk, test_task_service_*).

interface SdkError {
  readonly name: string;
  readonly message: string;
  readonly $metadata?: { httpStatusCode?: number; requestId?: string; extendedRequestId?: string };
  readonly $fault?: string;
}

/** The v1 client's base exception per error prefix, for error codes the service model does not list. */
const V1_BASE: Record<string, string> = {
  SQS: 'AmazonSQSException', SNS: 'AmazonSNSException', DynamoDB: 'AmazonDynamoDBException', Lambda: 'AWSLambdaException',
  StepFunctions: 'AWSStepFunctionsException', EventBridge: 'AmazonEventBridgeException', Bedrock: 'AmazonBedrockRuntimeException',
};

/** The v1 service name written in causes. */
export const V1_SERVICE: Record<string, string> = {
  SQS: 'AmazonSQS', SNS: 'AmazonSNS', DynamoDB: 'AmazonDynamoDBv2', Lambda: 'AWSLambda', StepFunctions: 'AWSStepFunctions',
  EventBridge: 'AmazonEventBridge', Bedrock: 'AmazonBedrockRuntime',
};

const withException = (name: string): string => (name.endsWith('Exception') ? name : `${name}Exception`);

/** A modeled exception has its own class; an unmodeled error code is an instance of the client's base ServiceException. */
export function isModeled(err: unknown): boolean {
  const ctor = (err as { constructor?: { name?: string } })?.constructor?.name ?? '';
  return ctor !== '' && !/ServiceException$/.test(ctor) && ctor !== 'Error';
}

export function sdkErrorName(prefix: string, err: SdkError, style: 'v1' | 'v2'): string {
  if (isModeled(err)) return `${prefix}.${withException(err.name)}`;
  if (style === 'v1') return `${prefix}.${V1_BASE[prefix] ?? `Amazon${prefix}Exception`}`;
  return `${prefix}.${prefix}Exception`;
}

export function sdkErrorCause(prefix: string, err: SdkError, style: 'v1' | 'v2'): string {
  const status = err.$metadata?.httpStatusCode ?? 500;
  const requestId = err.$metadata?.requestId ?? '';
  if (style === 'v1') {
    return `${err.message} (Service: ${V1_SERVICE[prefix] ?? prefix}; Status Code: ${status}; Error Code: ${err.name}; Request ID: ${requestId}; Proxy: null)`;
  }
  const ext = err.$metadata?.extendedRequestId ? `, Extended Request ID: ${err.$metadata.extendedRequestId}` : '';
  return `${err.message} (Service: ${prefix}, Status Code: ${status}, Request ID: ${requestId}${ext})`;
}

/** A failure of the call itself (no HTTP answer): the SDK's client exception. */
export function clientFailure(prefix: string, e: unknown): { error: string; cause: string } {
  return { error: `${prefix}.SdkClientException`, cause: `Unable to execute HTTP request: ${(e as Error)?.message ?? String(e)}` };
}

/** Whether `e` came from a service answer (it carries HTTP metadata) rather than from the transport. */
export function isServiceError(e: unknown): e is SdkError {
  return typeof e === 'object' && e !== null && typeof (e as SdkError).$metadata?.httpStatusCode === 'number';
}
