// Mocked service integrations in the format of AWS Step Functions Local's
// MockConfigFile ("Using mocked service integrations for testing in Step
// Functions Local", AWS Step Functions Developer Guide):
//   { "StateMachines": { NAME: { "TestCases": { CASE: { STATE: RESPONSE } } } },
//     "MockedResponses": { RESPONSE: { "0": {"Return": ...}, "1-2": {"Throw": {"Error", "Cause"}} } } }
// A test case is chosen by StartExecution on `stateMachineArn#CASE`. The
// invocation index counts the calls of one state in one execution (retries
// included); past the last index given, the last response repeats.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { Outcome } from '../outcome.js';

type MockValue = { readonly Return: unknown } | { readonly Throw: { readonly Error: string; readonly Cause?: string } };

interface MockedResponse { readonly ranges: readonly { from: number; to: number; value: MockValue }[] }

export interface MockConfigFile {
  readonly StateMachines?: Record<string, { readonly TestCases?: Record<string, Record<string, string>> }>;
  readonly MockedResponses?: Record<string, Record<string, MockValue>>;
}

export class MockConfigError extends Error {}

/** `arn:...:stateMachine:NAME#CASE` -> the state machine ARN and the test case. */
export function splitTestCase(arn: string): { stateMachineArn: string; testCase?: string } {
  const i = arn.lastIndexOf('#');
  return i < 0 ? { stateMachineArn: arn } : { stateMachineArn: arn.slice(0, i), testCase: arn.slice(i + 1) };
}

function parseResponse(name: string, raw: Record<string, MockValue>): MockedResponse {
  if (raw === null || typeof raw !== 'object') throw new MockConfigError(`MockedResponses.${name} must be an object`);
  const ranges = Object.entries(raw).map(([key, value]) => {
    const m = /^(\d+)(?:-(\d+))?$/.exec(key);
    if (!m) throw new MockConfigError(`MockedResponses.${name}: '${key}' is not an invocation index or range (e.g. "0", "1-2")`);
    const from = Number(m[1]);
    const to = m[2] === undefined ? from : Number(m[2]);
    if (to < from) throw new MockConfigError(`MockedResponses.${name}: range '${key}' ends before it starts`);
    const hasReturn = value !== null && typeof value === 'object' && 'Return' in value;
    const hasThrow = value !== null && typeof value === 'object' && 'Throw' in value;
    if (hasReturn === hasThrow) throw new MockConfigError(`MockedResponses.${name}.${key} must have exactly one of Return or Throw`);
    if (hasThrow && typeof (value as { Throw: { Error?: unknown } }).Throw?.Error !== 'string') {
      throw new MockConfigError(`MockedResponses.${name}.${key}.Throw needs an Error string`);
    }
    return { from, to, value };
  }).sort((a, b) => a.from - b.from);
  let next = 0;
  for (const r of ranges) {
    if (r.from !== next) throw new MockConfigError(`MockedResponses.${name}: invocation indexes must follow on from 0 without gaps (missing ${next})`);
    next = r.to + 1;
  }
  if (!ranges.length) throw new MockConfigError(`MockedResponses.${name} has no responses`);
  return { ranges };
}

export class MockConfig {
  private readonly responses = new Map<string, MockedResponse>();
  /** "machine:execution name" -> its test case, and per execution ARN the calls made so far per state */
  private readonly bound = new Map<string, string>();
  private readonly calls = new Map<string, Map<string, number>>();

  constructor(readonly file: MockConfigFile) {
    if (file === null || typeof file !== 'object') throw new MockConfigError('a mock configuration is a JSON object');
    for (const [name, raw] of Object.entries(file.MockedResponses ?? {})) this.responses.set(name, parseResponse(name, raw));
    for (const [machine, sm] of Object.entries(file.StateMachines ?? {})) {
      for (const [testCase, states] of Object.entries(sm.TestCases ?? {})) {
        for (const [state, response] of Object.entries(states)) {
          if (!this.responses.has(response)) {
            throw new MockConfigError(`StateMachines.${machine}.TestCases.${testCase}.${state} names '${response}', which MockedResponses lacks`);
          }
        }
      }
    }
  }

  static load(path: string): MockConfig {
    let json: unknown;
    try { json = JSON.parse(readFileSync(path, 'utf8')); } catch (e) { throw new MockConfigError(`cannot read the mock configuration ${path}: ${(e as Error).message}`); }
    return new MockConfig(json as MockConfigFile);
  }

  hasTestCase(machine: string, testCase: string): boolean {
    return this.file.StateMachines?.[machine]?.TestCases?.[testCase] !== undefined;
  }

  /** Marks the execution NAME of state machine MACHINE as running a test case (StartExecution with `#CASE`). */
  bind(machine: string, name: string, testCase: string): void {
    // executions are not reported as finished here: keep the most recent ones
    if (this.bound.size >= 10_000) this.bound.delete(this.bound.keys().next().value!);
    this.bound.set(`${machine}:${name}`, testCase);
  }

  /**
   * A StartExecution/StartSyncExecution request body with `#CASE` on its
   * state machine ARN: binds the test case and returns the body without it
   * (naming the execution when the request does not, so that it can be found).
   */
  startRequest(body: string): string {
    let req: Record<string, unknown>;
    try { req = JSON.parse(body); } catch { return body; }
    if (typeof req?.stateMachineArn !== 'string' || !req.stateMachineArn.includes('#')) return body;
    const { stateMachineArn, testCase } = splitTestCase(req.stateMachineArn);
    const name = typeof req.name === 'string' ? req.name : randomUUID();
    this.bind(stateMachineArn.split(':')[6] ?? '', name, testCase ?? '');
    return JSON.stringify({ ...req, stateMachineArn, name });
  }

  /** The mocked outcome of this call of `state`, or undefined when the state is not mocked (the real call runs). */
  next(executionArn: string, state: string): Outcome | undefined {
    // arn:aws:states:R:A:execution:MACHINE:NAME or arn:aws:states:R:A:express:MACHINE:NAME:ID
    const parts = executionArn.split(':');
    const machine = parts[6] ?? '';
    const testCase = this.bound.get(`${machine}:${parts[7] ?? ''}`);
    if (testCase === undefined) return undefined;
    const responseName = this.file.StateMachines?.[machine]?.TestCases?.[testCase]?.[state];
    if (responseName === undefined) return undefined;
    const response = this.responses.get(responseName)!;
    let calls = this.calls.get(executionArn);
    if (!calls) {
      if (this.calls.size >= 10_000) this.calls.delete(this.calls.keys().next().value!);
      this.calls.set(executionArn, (calls = new Map()));
    }
    const index = calls.get(state) ?? 0;
    calls.set(state, index + 1);
    const hit = response.ranges.find((r) => index >= r.from && index <= r.to) ?? response.ranges[response.ranges.length - 1]!;
    const v = hit.value;
    if ('Return' in v) return { kind: 'success', output: v.Return };
    return { kind: 'failure', error: v.Throw.Error, cause: v.Throw.Cause };
  }
}
