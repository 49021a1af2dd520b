// Task resources Switchyard can call, chosen by the resource's family and
// service. The server wires an instance into the engine (as its TaskRunner).
import { LocalFunctions } from './lambda/local-functions.js';
import { RemoteLambda } from './lambda/remote-lambda.js';
import type { LambdaBackend } from './lambda/backend.js';
import { invokeFunctionArn, invokeLambdaInvoke } from './lambda/lambda-task.js';
import { invokeStartExecution } from './states/start-execution.js';
import { AwsClients } from './aws/clients.js';
import { invokeAwsSdk } from './aws/aws-sdk-task.js';
import { invokeOptimized, isOptimized } from './aws/optimized.js';
import { MockConfig } from './mocks/mock-config.js';
import { ResourceMap } from './resource-map.js';
import { invokeHttp } from './http/http-task.js';
import { Connections } from './http/connections.js';
import { invokeModel } from './llm/invoke-model.js';
import { createProvider, type LlmProvider } from './llm/providers.js';
import type { IntegrationConfig } from './config.js';
import { type Invocation, type LateOutcome, type Outcome, type TaskCtx, runtimeFailure } from './outcome.js';

export type { Invocation, Outcome, TaskCtx, LateOutcome, TokenUsage, EngineCalls } from './outcome.js';
export { splitTestCase, MockConfig, MockConfigError } from './mocks/mock-config.js';
export { loadConfig, type IntegrationConfig } from './config.js';

export interface IntegrationOptions {
  readonly functionsDir?: string;
  readonly region: string;
  readonly account: string;
  readonly config?: IntegrationConfig;
  readonly mocks?: MockConfig;
}

/** A task resource ARN split into its service, action and integration pattern. */
export interface ParsedResource {
  readonly family: 'lambda' | 'activity' | 'task' | 'unknown';
  /** `lambda`, `states`, `sqs`, ... or `aws-sdk` */
  readonly service: string;
  /** the service of an `aws-sdk:SERVICE:ACTION` resource */
  readonly sdkService?: string;
  readonly action: string;
  readonly pattern: 'response' | 'sync' | 'sync2' | 'token';
}

export function parseResource(resource: string): ParsedResource {
  const parts = resource.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) return { family: 'unknown', service: '', action: '', pattern: 'response' };
  if (parts[2] === 'lambda' && parts[5] === 'function') return { family: 'lambda', service: 'lambda', action: 'invoke', pattern: 'response' };
  if (parts[2] === 'states' && parts[5] === 'activity') return { family: 'activity', service: 'activity', action: '', pattern: 'response' };
  const sdk = parts[5] === 'aws-sdk';
  const service = parts[5]!;
  let action = parts.slice(sdk ? 7 : 6).join(':');
  let pattern: ParsedResource['pattern'] = 'response';
  if (action.endsWith('.waitForTaskToken')) { pattern = 'token'; action = action.slice(0, -'.waitForTaskToken'.length); }
  else if (action.endsWith('.sync:2')) { pattern = 'sync2'; action = action.slice(0, -'.sync:2'.length); }
  else if (action.endsWith('.sync')) { pattern = 'sync'; action = action.slice(0, -'.sync'.length); }
  return { family: 'task', service, sdkService: sdk ? parts[6] : undefined, action, pattern };
}

export class Integrations {
  readonly lambda: LambdaBackend;
  readonly aws: AwsClients;
  readonly resources: ResourceMap;
  readonly connections: Connections;
  readonly llm: LlmProvider;
  /** set by the server: delivers the end of `.sync` calls to the engine */
  lateOutcome?: LateOutcome;

  constructor(readonly opts: IntegrationOptions) {
    const c = opts.config ?? {};
    const l = c.lambda ?? {};
    this.lambda = l.endpoint !== undefined || l.mode === 'remote'
      ? new RemoteLambda({ endpoint: l.endpoint, region: l.region ?? opts.region })
      : new LocalFunctions({
        dir: opts.functionsDir, region: opts.region, account: opts.account, concurrency: l.concurrency,
        isolation: l.isolation, timeoutSeconds: l.timeoutSeconds, memoryMb: l.memoryMb,
      });
    this.aws = new AwsClients({ region: opts.region, endpoints: c.services ?? {} });
    this.resources = new ResourceMap(c.resources, opts.region, opts.account);
    this.connections = new Connections(c.connections ?? {});
    this.llm = createProvider(c.llm ?? { provider: 'local' }, opts.region);
  }

  /** Where `aws-sdk:sfn:*` calls go when no endpoint is configured for sfn: this server itself. */
  set selfEndpoint(url: string) {
    this.aws.defaultEndpoint('sfn', url);
  }

  /**
   * The body of a StartExecution/StartSyncExecution request: with a mock
   * configuration, `stateMachineArn#TestCase` selects the test case whose
   * mocked responses the execution's task states get (Step Functions Local).
   */
  startRequest(body: string): string {
    return this.opts.mocks ? this.opts.mocks.startRequest(body) : body;
  }

  async invoke(inv: Invocation, ctx: TaskCtx): Promise<Outcome> {
    const mocked = this.opts.mocks?.next(ctx.executionArn, inv.stateName);
    if (mocked) return mocked;
    if (inv.family === 'activity') return { kind: 'pending' };
    const resource = this.resources.empty ? inv.resource : this.resources.resource(inv.resource);
    const r = parseResource(resource);
    if (r.pattern === 'token' && !ctx.taskToken) return runtimeFailure('A .waitForTaskToken resource was called without a task token');
    // called before a restart and answered: the result comes with the token, the resource is not called twice
    if (r.pattern === 'token' && inv.submitted !== undefined) return { kind: 'pending' };
    const outcome = await this.call(resource, r, inv, ctx);
    // .waitForTaskToken: the call's answer is written as TaskSubmitted; the result comes with the token
    if (r.pattern === 'token' && outcome.kind === 'success') return { kind: 'pending', submitted: outcome.output, usage: outcome.usage };
    return outcome;
  }

  private call(resource: string, r: ParsedResource, inv: Invocation, ctx: TaskCtx): Promise<Outcome> {
    const limits = { cancel: ctx, timeoutMs: inv.timeoutSeconds !== undefined ? inv.timeoutSeconds * 1000 : undefined };
    if (r.family === 'lambda') return invokeFunctionArn(this.lambda, resource, inv.parameters, limits);
    if (r.family !== 'task') return Promise.resolve(unsupported(inv.resource));
    if (r.service === 'lambda' && r.action === 'invoke') {
      const p = inv.parameters as Record<string, unknown> | null;
      const mapped = p && typeof p.FunctionName === 'string' && !this.resources.empty
        ? { ...p, FunctionName: this.resources.lookup(p.FunctionName) } : p;
      return invokeLambdaInvoke(this.lambda, mapped, limits);
    }
    if (r.service === 'states' && r.action === 'startExecution') return invokeStartExecution(inv, ctx, this.lateOutcome);
    if (r.service === 'http' && r.action === 'invoke') return invokeHttp(this.connections, inv.parameters, ctx.signal);
    if (r.service === 'bedrock' && r.action === 'invokeModel') return invokeModel(this.llm, inv.parameters, ctx.signal);
    if (r.service === 'aws-sdk' && r.sdkService) return invokeAwsSdk(this.aws, r.sdkService, r.action, inv.parameters, ctx.signal);
    if (isOptimized(r.service, r.action)) return invokeOptimized(this.aws, r.service, r.action, inv.parameters, ctx.signal);
    return Promise.resolve(unsupported(inv.resource));
  }

  close(): void {
    this.lambda.close?.();
    this.aws.close();
  }
}

function unsupported(resource: string): Outcome {
  return runtimeFailure(`The resource '${resource}' is not supported by Switchyard yet`);
}
