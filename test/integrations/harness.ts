// Runs state machines on a Switchyard server (memory store) through the
// official SDK client, for the integration tests in this folder.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  SFNClient, CreateStateMachineCommand, StartExecutionCommand, DescribeExecutionCommand, GetExecutionHistoryCommand,
  type HistoryEvent, type DescribeExecutionCommandOutput,
} from '@aws-sdk/client-sfn';
import { startServer, type RunningServer, type ServerOptions } from '../../src/server/server.js';

export const roleArn = 'arn:aws:iam::123456789012:role/test';

export interface Harness {
  readonly server: RunningServer;
  readonly sfn: SFNClient;
  /** creates a state machine, returns its ARN */
  create(name: string, definition: unknown, type?: 'STANDARD' | 'EXPRESS'): Promise<string>;
  /** starts an execution and waits for its end */
  run(stateMachineArn: string, input?: unknown, name?: string): Promise<{ describe: DescribeExecutionCommandOutput; events: HistoryEvent[]; executionArn: string }>;
  /** a Switchyard-only operation, over the AWS JSON 1.0 protocol */
  call(operation: string, body: unknown): Promise<any>;
  close(): Promise<void>;
}

export async function harness(opts: ServerOptions = {}): Promise<Harness> {
  const server = await startServer({ port: 0, store: 'memory', ...opts });
  const sfn = new SFNClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'y' }, disableHostPrefix: true });
  let n = 0;
  return {
    server, sfn,
    async create(name, definition, type = 'STANDARD') {
      const r = await sfn.send(new CreateStateMachineCommand({ name: `${name}`, definition: JSON.stringify(definition), roleArn, type }));
      return r.stateMachineArn!;
    },
    async run(stateMachineArn, input = {}, name = `run-${++n}`) {
      const { executionArn } = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input), name }));
      await server.engine.whenDone(executionArn!);
      const describe = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      const events: HistoryEvent[] = [];
      let nextToken: string | undefined;
      do {
        const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
        events.push(...(page.events ?? []));
        nextToken = page.nextToken;
      } while (nextToken);
      return { describe, events, executionArn: executionArn! };
    },
    async call(operation, body) {
      const res = await fetch(server.url, {
        method: 'POST', body: JSON.stringify(body),
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${operation}` },
      });
      const json = await res.json();
      if (!res.ok) throw Object.assign(new Error(json.message), { code: json.__type });
      return json;
    },
    async close() { sfn.destroy(); await server.close(); },
  };
}

/** A throwaway HTTP server on 127.0.0.1 for fakes of other services. */
export async function fakeServer(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void | Promise<void>): Promise<{ url: string; close(): Promise<void> }> {
  const srv = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => { void handler(req, Buffer.concat(chunks).toString('utf8'), res); });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => { srv.closeAllConnections(); srv.close(() => r()); }) };
}

export const types = (events: readonly HistoryEvent[]): string[] => events.map((e) => e.type!);
