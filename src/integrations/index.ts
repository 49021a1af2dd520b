// Task resources Switchyard can call, chosen by the resource's family and
// service. The server wires an instance into the engine.
import { LocalFunctions } from './lambda/local-functions.js';
import { invokeFunctionArn, invokeLambdaInvoke } from './lambda/lambda-task.js';

export interface Invocation {
  readonly resource: string;
  readonly family: 'lambda' | 'task' | 'activity';
  readonly resourceType: string;
  readonly parameters: unknown;
}

export type Outcome =
  | { readonly kind: 'success'; readonly output: unknown }
  | { readonly kind: 'failure'; readonly error: string; readonly cause?: string }
  | { readonly kind: 'pending' };

export interface IntegrationOptions {
  readonly functionsDir?: string;
  readonly region: string;
  readonly account: string;
}

export class Integrations {
  readonly functions: LocalFunctions;

  constructor(opts: IntegrationOptions) {
    this.functions = new LocalFunctions(opts.functionsDir, opts.region, opts.account);
  }

  async invoke(inv: Invocation, ctx: { signal: AbortSignal }): Promise<Outcome> {
    if (inv.family === 'lambda') return invokeFunctionArn(this.functions, inv.resource, inv.parameters, ctx.signal);
    if (inv.family === 'activity') return { kind: 'pending' };
    const action = inv.resource.split(':').pop() ?? '';
    if (inv.resourceType === 'lambda' && action.startsWith('invoke')) return invokeLambdaInvoke(this.functions, inv.parameters, ctx.signal);
    return {
      kind: 'failure', error: 'States.Runtime',
      cause: `The resource '${inv.resource}' is not supported by Switchyard yet`,
    };
  }
}
