// What a scenario asks of an engine under test: build a machine once from
// ASL JSON, then run executions of it. Both contenders get the same
// definitions, inputs and local handlers.

/** A local JS handler for a Task state, keyed by the state's name. */
export type Handler = (input: any) => unknown;
export type Handlers = Readonly<Record<string, Handler>>;

export interface Machine {
  /** runs one execution to its end; resolves with its output, rejects when it fails */
  run(input: unknown, inputText?: string): Promise<unknown>;
}

export interface Contender {
  readonly id: 'switchyard' | 'reference';
  machine(definition: object, handlers?: Handlers): Machine;
}

export const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:work';
