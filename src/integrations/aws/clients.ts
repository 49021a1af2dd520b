// AWS SDK v3 clients for the services task states call, one per service,
// each with the endpoint the configuration gives it (real AWS by default, or
// any compatible local service). `AWS_ENDPOINT_URL_<SERVICE>` also works, as
// the SDK reads it itself.

export interface ServiceEndpoint {
  readonly endpoint?: string;
  readonly region?: string;
  /** S3 against a local service usually needs path-style addressing */
  readonly forcePathStyle?: boolean;
}

/** The name in `aws-sdk:SERVICE` -> npm package, v3 client class, and the v2 (Java) prefix used in error names. */
export interface ServiceInfo {
  readonly pkg: string;
  readonly client: string;
  readonly prefix: string;
}

const KNOWN: Record<string, ServiceInfo> = {
  sfn: { pkg: '@aws-sdk/client-sfn', client: 'SFNClient', prefix: 'Sfn' },
  s3: { pkg: '@aws-sdk/client-s3', client: 'S3Client', prefix: 'S3' },
  dynamodb: { pkg: '@aws-sdk/client-dynamodb', client: 'DynamoDBClient', prefix: 'DynamoDb' },
  sqs: { pkg: '@aws-sdk/client-sqs', client: 'SQSClient', prefix: 'Sqs' },
  sns: { pkg: '@aws-sdk/client-sns', client: 'SNSClient', prefix: 'Sns' },
  lambda: { pkg: '@aws-sdk/client-lambda', client: 'LambdaClient', prefix: 'Lambda' },
  eventbridge: { pkg: '@aws-sdk/client-eventbridge', client: 'EventBridgeClient', prefix: 'EventBridge' },
  bedrockruntime: { pkg: '@aws-sdk/client-bedrock-runtime', client: 'BedrockRuntimeClient', prefix: 'BedrockRuntime' },
  secretsmanager: { pkg: '@aws-sdk/client-secrets-manager', client: 'SecretsManagerClient', prefix: 'SecretsManager' },
};

export function serviceInfo(service: string): ServiceInfo {
  return KNOWN[service] ?? { pkg: `@aws-sdk/client-${service}`, client: '', prefix: service.charAt(0).toUpperCase() + service.slice(1) };
}

export interface LoadedService {
  readonly info: ServiceInfo;
  readonly client: { send(cmd: unknown, opts?: { abortSignal?: AbortSignal }): Promise<any>; destroy(): void };
  readonly module: Record<string, any>;
}

export class AwsClients {
  private readonly loaded = new Map<string, Promise<LoadedService>>();
  private readonly defaults = new Map<string, string>();

  constructor(private readonly opts: { region: string; endpoints: Readonly<Record<string, ServiceEndpoint>> }) {}

  /** The endpoint of `service` when the configuration names none (e.g. sfn: this server). */
  defaultEndpoint(service: string, url: string): void {
    this.defaults.set(service, url);
    this.loaded.delete(service);
  }

  /** Client of a service (`aws-sdk:SERVICE` name); rejects when its package is not installed. */
  get(service: string): Promise<LoadedService> {
    let p = this.loaded.get(service);
    if (!p) {
      p = this.load(service);
      this.loaded.set(service, p);
      p.catch(() => this.loaded.delete(service));
    }
    return p;
  }

  private async load(service: string): Promise<LoadedService> {
    const info = serviceInfo(service);
    const module = await import(info.pkg) as Record<string, any>;
    const name = info.client || Object.keys(module).find((k) => k.endsWith('Client') && k !== '__Client' && typeof module[k]?.prototype?.send === 'function');
    if (!name || !module[name]) throw new Error(`${info.pkg} has no client class`);
    const fallback = this.defaults.get(service);
    const cfg = this.opts.endpoints[service] ?? (fallback !== undefined ? { endpoint: fallback } : this.opts.endpoints['*'] ?? {});
    const local = cfg.endpoint !== undefined && !process.env.AWS_ACCESS_KEY_ID;
    const client = new module[name]({
      region: cfg.region ?? this.opts.region, endpoint: cfg.endpoint, maxAttempts: 1,
      ...(cfg.forcePathStyle !== undefined ? { forcePathStyle: cfg.forcePathStyle } : {}),
      ...(local ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
      ...(service === 'sfn' ? { disableHostPrefix: true } : {}),
    });
    // keep the HTTP answer's headers: optimized integrations return them as SdkHttpMetadata
    client.middlewareStack.add((next: any) => async (args: any) => {
      const r = await next(args);
      if (r?.output && typeof r.output === 'object') Object.defineProperty(r.output, '$headers', { value: r.response?.headers ?? {}, enumerable: false });
      return r;
    }, { step: 'deserialize', name: 'switchyardHeaders' });
    return { info, client, module };
  }

  /** Runs ACTION (camelCase, as in the resource ARN) on SERVICE. */
  async call(service: string, action: string, input: unknown, signal?: AbortSignal): Promise<any> {
    const s = await this.get(service);
    const Command = s.module[`${action.charAt(0).toUpperCase()}${action.slice(1)}Command`];
    if (typeof Command !== 'function') throw new UnknownAction(service, action);
    return s.client.send(new Command(input ?? {}), { abortSignal: signal });
  }

  close(): void {
    for (const p of this.loaded.values()) void p.then((s) => s.client.destroy(), () => undefined);
  }
}

export class UnknownAction extends Error {
  constructor(readonly service: string, readonly action: string) {
    super(`The resource 'arn:aws:states:::aws-sdk:${service}:${action}' names an action that ${serviceInfo(service).pkg} does not have`);
  }
}
