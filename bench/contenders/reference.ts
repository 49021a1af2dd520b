// The reference: aws-local-stepfunctions, an in-process ASL interpreter,
// with Task states served by the same local handlers (its
// taskResourceLocalHandlers override, keyed by state name as ours are).
import '../lib/polyfill.js';
import { StateMachine } from 'aws-local-stepfunctions';
import type { Contender, Handlers, Machine } from './contender.js';

export class ReferenceContender implements Contender {
  readonly id = 'reference' as const;

  machine(definition: object, handlers: Handlers = {}): Machine {
    const sm = new StateMachine(definition as ConstructorParameters<typeof StateMachine>[0]);
    const options = { overrides: { taskResourceLocalHandlers: handlers as Record<string, (i: any) => any> } };
    return { run: (input: unknown) => sm.run(input as any, options).result };
  }
}
