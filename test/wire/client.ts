// A server on a free port with an in-memory store, and an SDK client for it.
import { SFNClient, DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.js';

export const roleArn = 'arn:aws:iam::123456789012:role/test';

export interface Wire {
  readonly server: RunningServer;
  readonly sfn: SFNClient;
  close(): Promise<void>;
}

export async function openWire(opts: ServerOptions = {}): Promise<Wire> {
  const server = await startServer({ port: 0, store: 'memory', ...opts });
  // disableHostPrefix: StartSyncExecution would otherwise go to sync-<host>
  const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  return { server, sfn, close: async () => { sfn.destroy(); await server.close(); } };
}

/** The execution's description once it has stopped. */
export async function finished(w: Wire, executionArn: string) {
  await w.server.engine.whenDone(executionArn);
  return w.sfn.send(new DescribeExecutionCommand({ executionArn }));
}

/** Checks an SDK rejection: the exception's name, HTTP status and (optionally) message. */
export function awsError(name: string, message?: string | RegExp) {
  return (e: any): boolean => {
    if (e?.name !== name || e.$metadata?.httpStatusCode !== 400) return false;
    if (message === undefined) return true;
    return typeof message === 'string' ? e.message === message : message.test(e.message);
  };
}
