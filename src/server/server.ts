// Composition root: wires store, engine, integrations and the API, and
// serves the AWS JSON 1.0 protocol over HTTP.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Engine } from '../engine/engine.js';
import { type Clock, SystemClock } from '../engine/clock.js';
import { MemoryStore } from '../store/memory/memory-store.js';
import type { DurableStore } from '../store/durable-store.js';
import { DEFAULT_STORE, openStore } from './stores.js';
import { Integrations, MockConfig, loadConfig, type IntegrationConfig } from '../integrations/index.js';
import { engineCalls } from './engine-calls.js';
import { authenticate, handleApi } from '../api/handler.js';

export interface ServerOptions {
  readonly port?: number;
  readonly host?: string;
  readonly functionsDir?: string;
  readonly waitTimeScale?: number;
  readonly region?: string;
  readonly account?: string;
  readonly clock?: Clock;
  /** a store instance, or a spec: memory | sqlite:PATH | postgres://... (default sqlite:./.switchyard/switchyard.db) */
  readonly store?: DurableStore | string;
  /** access key id -> secret access key: when given, every request must carry a valid SigV4 signature */
  readonly credentials?: Readonly<Record<string, string>>;
  /** several processes share the store: executions are leased (default: for postgres:// stores) */
  readonly shared?: boolean;
  /** how long a worker's lease on an execution lasts (default 10 s) */
  readonly leaseMs?: number;
  /** finished executions are deleted this long after they stop (default 90 days, as AWS) */
  readonly retentionMs?: number;
  /** false: run executions only (`switchyard worker`), serve no HTTP */
  readonly listen?: boolean;
  /** task integrations: Lambda mode, resource mapping, service endpoints, LLM provider, HTTP connections */
  readonly integrations?: IntegrationConfig;
  /** Step Functions Local MockConfigFile (`--mock-config`) */
  readonly mocks?: MockConfig;
  /** `--config FILE`, `--mock-config FILE`, `--lambda-endpoint URL`, `--lambda-concurrency N` */
  readonly configFile?: string;
  readonly mockConfigFile?: string;
  readonly lambdaEndpoint?: string;
  readonly lambdaConcurrency?: number;
}

function integrationConfig(opts: ServerOptions): IntegrationConfig {
  const c = opts.integrations ?? (opts.configFile ? loadConfig(opts.configFile) : {});
  if (opts.lambdaEndpoint === undefined && opts.lambdaConcurrency === undefined) return c;
  return { ...c, lambda: { ...c.lambda, endpoint: opts.lambdaEndpoint ?? c.lambda?.endpoint, concurrency: opts.lambdaConcurrency ?? c.lambda?.concurrency } };
}

export interface RunningServer {
  readonly url: string;
  readonly engine: Engine;
  readonly integrations: Integrations;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const region = opts.region ?? 'us-east-1';
  const account = opts.account ?? '123456789012';
  const integrations = new Integrations({
    functionsDir: opts.functionsDir, region, account, config: integrationConfig(opts),
    mocks: opts.mocks ?? (opts.mockConfigFile ? MockConfig.load(opts.mockConfigFile) : undefined),
  });
  const store = typeof opts.store === 'object' ? opts.store : await openStore(opts.store ?? DEFAULT_STORE);
  const engine = new Engine({
    store,
    expressStore: new MemoryStore(),
    clock: opts.clock ?? new SystemClock(opts.waitTimeScale ?? 1),
    tasks: integrations,
    region, account,
    shared: opts.shared ?? (typeof opts.store === 'string' && /^postgres(ql)?:\/\//.test(opts.store)),
    leaseMs: opts.leaseMs,
    retentionMs: opts.retentionMs,
  });
  const ctx = { engine, region, account };
  // wired before recovery: tasks it dispatches again (a `.sync` nested execution) need both
  engine.engineCalls = engineCalls(ctx);
  // the end of a `.sync` task (nested execution) arrives after its TaskSubmitted
  integrations.lateOutcome = (arn, taskId, o) => void engine.signal(arn, o.kind === 'success'
    ? { type: 'taskSucceeded', taskId, output: o.output }
    : o.kind === 'failure' ? { type: 'taskFailed', taskId, error: o.error, cause: o.cause } : { type: 'taskSubmitted', taskId, output: o.submitted });
  // the endpoint aws-sdk:sfn tasks call (this server), known before recovery dispatches any when the port is fixed;
  // set again from the listening address below
  const port = opts.port ?? 8083;
  if (opts.listen !== false && port !== 0) integrations.selfEndpoint = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  const recovered = await engine.recover();
  if (recovered) console.log(`switchyard: resumed ${recovered} running execution(s)`);
  const credentials = opts.credentials ? new Map(Object.entries(opts.credentials)) : undefined;
  const server: Server = createServer(async (req, res) => {
    try {
      if (req.method === 'POST') {
        const target = req.headers['x-amz-target'] as string | undefined;
        let body = await readBody(req);
        if (credentials) {
          const denied = authenticate(credentials, { method: req.method, url: req.url ?? '/', headers: req.headers, body }, Date.now());
          if (denied) { res.writeHead(denied.status, { ...denied.headers, 'x-amzn-requestid': crypto.randomUUID() }); res.end(denied.body); return; }
        }
        if (target === 'AWSStepFunctions.StartExecution' || target === 'AWSStepFunctions.StartSyncExecution') body = integrations.startRequest(body);
        // a client that hangs up ends its long poll (GetActivityTask)
        const gone = new AbortController();
        res.on('close', () => { if (!res.writableEnded) gone.abort(); });
        const r = await handleApi(ctx, target, body, gone.signal);
        res.writeHead(r.status, { ...r.headers, 'x-amzn-requestid': crypto.randomUUID() });
        res.end(r.body);
        return;
      }
      if (req.method === 'GET' && (req.url === '/' || req.url === '/health')) {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('Switchyard: AWS Step Functions API (AWS JSON 1.0) on POST /\n');
        return;
      }
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
    } catch (e) {
      console.error('switchyard: request failed', e);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'InternalFailure', message: 'An internal error occurred' }));
    }
  });
  server.keepAliveTimeout = 65_000;
  let url = '';
  if (opts.listen !== false) {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, opts.host ?? '127.0.0.1', () => resolve());
    });
    const addr = server.address() as AddressInfo;
    url = `http://${addr.address}:${addr.port}`;
  }
  integrations.selfEndpoint = url;
  return {
    url,
    engine,
    integrations,
    close: async () => {
      if (server.listening) await new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
      await engine.close();
      integrations.close();
      if (typeof opts.store !== 'object') await store.close();
    },
  };
}
