// TestState request checks that depend on the state under test (AWS
// TestState API reference and its ValidationException answers).
import type { StateDef } from '../definition/types.js';
import { resolveResource } from '../states/resource.js';

export interface TestStateProblem {
  readonly code: 'ValidationException' | 'InvalidDefinition';
  readonly message: string;
}

const problem = (message: string): TestStateProblem => ({ code: 'ValidationException', message });

const CONTEXT_FIELDS: Record<string, Record<string, 'string' | 'number' | 'any'>> = {
  Execution: { Id: 'string', Input: 'any', Name: 'string', RoleArn: 'string', StartTime: 'string', RedriveCount: 'number', RedriveTime: 'string' },
  State: { EnteredTime: 'string', Name: 'string', RetryCount: 'number' },
  StateMachine: { Id: 'string', Name: 'string' },
  Task: { Token: 'string' },
};

/** A `context` given to TestState: only the fields of the Context object, with their types. */
export function checkContext(context: unknown, def: StateDef): TestStateProblem | undefined {
  const bad = (m: string): TestStateProblem => problem(`Invalid Context object provided: ${m}`);
  if (typeof context !== 'object' || context === null || Array.isArray(context)) return bad('Context object must be a JSON object');
  for (const [k, v] of Object.entries(context)) {
    if (k === 'Map') return bad("'Map' field is not supported when mocking a Context object");
    const fields = CONTEXT_FIELDS[k];
    if (!fields) return bad(`Field '${k}' is not allowed`);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return bad(`${k} must be an object`);
    for (const [f, x] of Object.entries(v)) {
      const want = fields[f];
      if (!want) return bad(`Field '${f}' is not allowed`);
      if (want !== 'any' && typeof x !== want) return bad(`${k}.${f} must be a ${want}`);
    }
  }
  if ('Task' in context) {
    const r = def.type === 'Task' && typeof def.raw.Resource === 'string' ? resolveResource(def.raw.Resource) : undefined;
    if (!r || (!r.waitForTaskToken && !r.sync)) {
      return bad("Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern");
    }
  }
  return undefined;
}

type Shape = 'string' | 'integer' | 'any' | { readonly [field: string]: Shape };

/**
 * Result shapes of the integrations Switchyard runs itself, for a mocked
 * result's field validation (AWS checks a mock against the service API's
 * output shape; fields the shape does not know are accepted).
 */
const RESULT_SHAPES: Record<string, Shape> = {
  // Lambda Invoke (optimized integration)
  'lambda:invoke': { StatusCode: 'integer', FunctionError: 'string', LogResult: 'string', Payload: 'any', ExecutedVersion: 'string' },
};

function shapeProblem(value: unknown, shape: Shape, field: string | undefined): string | undefined {
  if (shape === 'any') return undefined;
  if (shape === 'string') return typeof value === 'string' ? undefined : `Field '${field}' must be a string`;
  if (shape === 'integer') return typeof value === 'number' && Number.isInteger(value) ? undefined : `Field '${field}' must be a number`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return field ? `Field '${field}' must be an object` : undefined;
  for (const [k, v] of Object.entries(value)) {
    const s = shape[k];
    const p = s === undefined ? undefined : shapeProblem(v, s, k);
    if (p) return p;
  }
  return undefined;
}

/** Field validation of a mocked Task result (fieldValidationMode STRICT or PRESENT). */
export function checkMockShape(def: StateDef, result: unknown): TestStateProblem | undefined {
  const r = resolveResource(String(def.raw.Resource ?? ''));
  const action = r.resource.replace(/\.(sync(:\d+)?|waitForTaskToken)$/, '');
  const shape = RESULT_SHAPES[`${r.resourceType}:${action}`];
  if (!shape || result === null) return undefined;
  const p = shapeProblem(result, shape, undefined);
  return p ? problem(`Mock result schema validation error: ${p}`) : undefined;
}
