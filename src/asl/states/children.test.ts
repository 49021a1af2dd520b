// Histories of failures inside Parallel branches and Map iterations, as AWS
// records them (conformance: states_variables test_parallel_catch_error,
// timeouts test_service_lambda_map_timeout, callback SQS_PARALLEL_WAIT_FOR_TASK_TOKEN).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDefinition } from '../execution/test-driver.js';
import type { HistoryEvent } from '../execution/events.js';

const chain = (events: readonly HistoryEvent[]): string[] => events.map((e) => `${e.id}<${e.previousEventId} ${e.type}`);

test('a failing branch Task: TaskStateAborted, ParallelStateFailed and the retry chain to the failure', () => {
  const r = runDefinition({
    StartAt: 'P', States: {
      P: { Type: 'Parallel', End: true, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }],
        Branches: [{ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'boom' }, End: true } } }] },
    },
  }, {}, { tasks: { boom: () => ({ error: 'Exception', cause: 'bad' }) } });
  assert.deepEqual(chain(r.events).slice(6), [
    '7<6 TaskFailed', '8<7 TaskStateAborted', '9<7 ParallelStateStarted',
    '10<9 TaskStateEntered', '11<10 TaskScheduled', '12<11 TaskStarted', '13<12 TaskFailed',
    '14<13 TaskStateAborted', '15<13 ParallelStateFailed', '16<15 ExecutionFailed',
  ]);
});

test('task timeouts due at the same instant are all written before the first failure is handled', () => {
  const r = runDefinition({
    StartAt: 'M', States: {
      M: { Type: 'Map', End: true, ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: 'L', States: {
        L: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 5, Parameters: { FunctionName: 'slow' }, End: true },
      } } },
    },
  }, [1, 2, 3], { tasks: { slow: () => 'pending' } });
  assert.equal(r.error, 'States.Timeout');
  const tail = chain(r.events).slice(15);
  assert.deepEqual(tail.map((t) => t.split(' ')[1]), [
    'TaskTimedOut', 'TaskTimedOut', 'TaskTimedOut', 'MapIterationFailed', 'TaskStateAborted',
    'TaskStateAborted', 'MapIterationAborted', 'TaskStateAborted', 'MapIterationAborted', 'MapStateFailed', 'ExecutionFailed',
  ]);
  const firstTimeout = r.events.find((e) => e.type === 'TaskTimedOut')!.id;
  for (const e of r.events.filter((x) => x.id > firstTimeout + 2 && x.type !== 'ExecutionFailed')) assert.equal(e.previousEventId, firstTimeout);
  assert.equal((r.events.find((e) => e.type === 'MapIterationFailed') as any).mapIterationFailedEventDetails.index, 0);
});
