// Forwarding mode: functions invoked on AWS Lambda or any Lambda-compatible
// endpoint (e.g. `sam local start-lambda`) through the AWS SDK's Invoke.
import { LambdaClient, InvokeCommand, LambdaServiceException } from '@aws-sdk/client-lambda';
import { type LambdaBackend, type LambdaRequest, type LambdaResult, lambdaServiceCause } from './backend.js';
import { sdkErrorName } from '../aws/errors.js';

export interface RemoteLambdaOptions {
  /** e.g. http://127.0.0.1:3001; omitted: the AWS endpoint of the region */
  readonly endpoint?: string;
  readonly region: string;
}

export class RemoteLambda implements LambdaBackend {
  private readonly client: LambdaClient;

  constructor(opts: RemoteLambdaOptions) {
    this.client = new LambdaClient({
      region: opts.region, endpoint: opts.endpoint, maxAttempts: 1,
      // a local endpoint needs no real credentials; with a real one the default chain applies
      ...(opts.endpoint && !process.env.AWS_ACCESS_KEY_ID ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
    });
  }

  async invoke(req: LambdaRequest): Promise<LambdaResult> {
    try {
      const out = await this.client.send(new InvokeCommand({
        FunctionName: req.functionRef, Payload: Buffer.from(req.payload, 'utf8'), Qualifier: req.qualifier,
        LogType: req.logType as 'Tail' | 'None' | undefined, InvocationType: req.invocationType as 'Event' | 'RequestResponse' | 'DryRun' | undefined,
        ClientContext: req.clientContext,
      }), { abortSignal: req.cancel?.signal });
      const payload = out.Payload ? Buffer.from(out.Payload).toString('utf8') : '';
      const requestId = out.$metadata.requestId ?? '';
      const executedVersion = out.ExecutedVersion ?? '$LATEST';
      if (out.FunctionError) {
        let errorType = out.FunctionError;
        try { errorType = JSON.parse(payload).errorType ?? errorType; } catch { /* not JSON: keep Unhandled */ }
        return { kind: 'functionError', errorType, payload, requestId, executedVersion, logResult: out.LogResult };
      }
      return { kind: 'payload', payload, requestId, statusCode: out.StatusCode ?? 200, executedVersion, logResult: out.LogResult };
    } catch (e) {
      const err = e as LambdaServiceException;
      const status = err.$metadata?.httpStatusCode ?? 500;
      if (err instanceof LambdaServiceException) {
        return { kind: 'serviceError', error: sdkErrorName('Lambda', err, 'v1'),
          cause: lambdaServiceCause(err.message, status, err.name, err.$metadata?.requestId ?? '') };
      }
      return { kind: 'serviceError', error: 'Lambda.SdkClientException', cause: `Unable to execute HTTP request: ${(e as Error).message}` };
    }
  }

  close(): void { this.client.destroy(); }
}
