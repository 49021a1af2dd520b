import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeferredText, EventLog, FORM_DETAIL, FORM_ENTERED, FORM_EXITED, FORM_FIELDS, type HistoryEvent, makeEvent, NOT_TRUNCATED } from '../../asl/index.js';
import { PackedHistory } from './packed-history.js';

const T0 = 1_767_225_600_123;

/** every form an event takes: no detail, the two packed state details, other details, several fields, odd timestamps */
const EVENTS: HistoryEvent[] = [
  makeEvent(1, 0, T0, 'ExecutionStarted', 'executionStartedEventDetails', { input: '{}', inputDetails: NOT_TRUNCATED, roleArn: 'r' }),
  makeEvent(2, 0, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input: '{"a":1}', inputDetails: NOT_TRUNCATED }),
  makeEvent(3, 2, T0 + 5, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: '[1]', outputDetails: NOT_TRUNCATED }),
  // an assignment makes the exit detail longer: kept as it is
  makeEvent(4, 3, T0 + 5, 'PassStateExited', 'stateExitedEventDetails',
    { name: 'B', output: '1', outputDetails: NOT_TRUNCATED, assignedVariables: { x: '1' }, assignedVariablesDetails: NOT_TRUNCATED }),
  // a truncation flag that is not the shared one, and fields in another order: kept as they are
  makeEvent(5, 4, T0 + 6, 'TaskStateEntered', 'stateEnteredEventDetails', { name: 'C', input: '2', inputDetails: { truncated: false } }),
  makeEvent(6, 5, T0 + 6, 'TaskStateExited', 'stateExitedEventDetails', { output: '3', name: 'C', outputDetails: NOT_TRUNCATED }),
  makeEvent(7, 6, T0 + 7, 'MapIterationStarted', undefined, undefined),
  { id: 8, previousEventId: 7, timestamp: T0 + 8, type: 'TaskFailed', taskFailedEventDetails: { error: 'E' }, extra: 1 },
  // a fractional clock and an execution a year old
  makeEvent(9, 8, T0 + 8.25, 'WaitStateEntered', 'stateEnteredEventDetails', { name: 'W', input: '{}', inputDetails: NOT_TRUNCATED }),
  makeEvent(10, 9, T0 + 366 * 86_400_000, 'TaskScheduled', 'taskScheduledEventDetails', { resourceType: 'lambda', resource: 'invoke', region: 'r', parameters: '{}' }),
  // a detail holding an object, the flag's look-alike, and a gap in the ids
  makeEvent(11, 2, T0 + 9, 'TaskSucceeded', 'taskSucceededEventDetails', { output: '1', outputDetails: { truncated: false }, extra: { a: [1] } }),
  makeEvent(13, 11, T0 + 9, 'TaskStateExited', 'stateExitedEventDetails', { name: 'A', output: '[2]', outputDetails: NOT_TRUNCATED }),
  makeEvent(14, 13, T0 + 10, 'ExecutionSucceeded', 'executionSucceededEventDetails', 'not an object'),
  makeEvent(15, 14, T0 + 10, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: '{}', outputDetails: NOT_TRUNCATED }),
];

test('a packed history gives back events equal to the ones appended, key order included', () => {
  const h = new PackedHistory(EVENTS.slice(0, 3), T0);
  h.append(EVENTS.slice(3, 7), T0);
  h.append(EVENTS.slice(7), T0);
  h.seal();
  assert.equal(h.length, EVENTS.length);
  assert.equal(h.lastId, EVENTS.at(-1)!.id);
  const back = h.slice(0, h.length, T0);
  assert.deepEqual(back, EVENTS);
  assert.equal(JSON.stringify(back), JSON.stringify(EVENTS));
  assert.deepEqual(h.slice(8, 99, T0), EVENTS.slice(8));
  assert.deepEqual(h.slice(-3, 2, T0), EVENTS.slice(0, 2));
  for (let i = 0; i < EVENTS.length; i++) assert.deepEqual(h.slice(i, i + 1, T0), [EVENTS[i]], `event ${i}`);
  // kept whole: the event with two detail fields, the fractional and the year-late timestamps (not a small integer
  // offset), the one after the gap in ids, the one whose detail is a string
  const kept = (h as unknown as { slots: unknown[] }).slots.filter((v) => typeof v === 'object' && v !== null && 'previousEventId' in v);
  assert.deepEqual(kept.map((e) => (e as HistoryEvent).id), [8, 9, 10, 13, 14]);
});

test('an empty packed history reads empty', () => {
  const h = new PackedHistory([], T0);
  assert.equal(h.length, 0);
  assert.equal(h.lastId, 0);
  assert.deepEqual(h.slice(0, 10, T0), []);
});

test('an exit that repeats its entry values keeps no value slots, and reads back whole', () => {
  const text = '{"k":[1,2]}';
  const events: HistoryEvent[] = [
    makeEvent(1, 0, T0, 'ExecutionStarted', 'executionStartedEventDetails', { input: text, inputDetails: NOT_TRUNCATED, roleArn: 'r' }),
  ];
  for (let i = 0; i < 3; i++) {
    const id = events.length + 1;
    events.push(makeEvent(id, i === 0 ? 0 : id - 1, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: `S${i}`, input: text, inputDetails: NOT_TRUNCATED }));
    events.push(makeEvent(id + 1, id, T0, 'PassStateExited', 'stateExitedEventDetails', { name: `S${i}`, output: text, outputDetails: NOT_TRUNCATED }));
  }
  // the same values in another transition: written again (a new write does not look back)
  const later = [makeEvent(8, 7, T0 + 1, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'S2', input: text, inputDetails: NOT_TRUNCATED })];
  const h = new PackedHistory(events, T0);
  h.append(later, T0);
  const slots = (h as unknown as { slots: unknown[] }).slots;
  // started: code, offset, input, roleArn; each entry: code, name, text; each exit: code only; the later entry: code, offset, name, text
  assert.equal(slots.length, 4 + 3 * (3 + 1) + 4);
  assert.deepEqual(h.slice(0, 99, T0), [...events, ...later]);
  assert.deepEqual(h.slice(4, 6, T0), events.slice(4, 6));
  assert.equal(h.length, 8);
});


test('payloads handed over unwritten (DeferredText) read back as their texts, written once', () => {
  const out = { list: [1, 'two'], nested: { ok: true } };
  const deferred = new DeferredText(out);
  const events: HistoryEvent[] = [
    makeEvent(1, 0, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input: deferred, inputDetails: NOT_TRUNCATED }),
    makeEvent(2, 1, T0, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: deferred, outputDetails: NOT_TRUNCATED }),
    // several detail fields: kept whole, its payload written when read
    { id: 3, previousEventId: 2, timestamp: T0, type: 'TaskSucceeded', taskSucceededEventDetails: { output: new DeferredText([out]) }, extra: 1 },
    makeEvent(4, 3, T0, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: deferred, outputDetails: NOT_TRUNCATED }),
  ];
  const h = new PackedHistory(events, T0);
  const text = '{"list":[1,"two"],"nested":{"ok":true}}';
  const expected = [
    makeEvent(1, 0, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input: text, inputDetails: NOT_TRUNCATED }),
    makeEvent(2, 1, T0, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: text, outputDetails: NOT_TRUNCATED }),
    { id: 3, previousEventId: 2, timestamp: T0, type: 'TaskSucceeded', taskSucceededEventDetails: { output: `[${text}]` }, extra: 1 },
    makeEvent(4, 3, T0, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: text, outputDetails: NOT_TRUNCATED }),
  ];
  assert.deepEqual(h.slice(0, 9, T0), expected);
  // read again: the same texts, now kept in the slots (no DeferredText left)
  assert.deepEqual(h.slice(0, 9, T0), expected);
  const slots = (h as unknown as { slots: unknown[] }).slots;
  assert.equal(slots.some((v) => v instanceof DeferredText), false);
  assert.equal(deferred.known, text);
});

test('a history packed from the interpreter\'s log is the one packed from its events', () => {
  const log = new EventLog();
  log.add(1, T0, 'ExecutionStarted', 0, FORM_DETAIL, 'executionStartedEventDetails', { input: '{}', inputDetails: NOT_TRUNCATED, roleArn: 'r' });
  for (let i = 0; i < 3; i++) {
    log.add(2 + 2 * i, T0, 'PassStateEntered', 1 + 2 * i, FORM_ENTERED, `S${i}`, '{"a":1}');
    log.add(3 + 2 * i, T0, 'PassStateExited', 2 + 2 * i, FORM_EXITED, `S${i}`, '{"a":1}');
  }
  log.add(8, T0, 'ExecutionSucceeded', 7, FORM_DETAIL, 'executionSucceededEventDetails', { output: '{"a":1}', outputDetails: NOT_TRUNCATED });
  const later = new EventLog();
  later.add(9, T0 + 3, 'WaitStateEntered', 8, FORM_ENTERED, 'W', '{}');
  later.add(10, T0 + 3, 'TaskFailed', 9, FORM_FIELDS, { taskFailedEventDetails: { error: 'E' }, extra: 1 }, undefined);
  const fromLog = new PackedHistory(log, T0);
  fromLog.append(later, T0);
  const fromEvents = new PackedHistory(log.events(), T0);
  fromEvents.append(later.events(), T0);
  const events = [...log.events(), ...later.events()];
  assert.deepEqual(fromLog.slice(0, 99, T0), events);
  assert.deepEqual(fromEvents.slice(0, 99, T0), events);
  const slotsOf = (h: PackedHistory): unknown[] => (h as unknown as { slots: unknown[] }).slots;
  // the same slots (the event kept whole is the log's event read as an object, equal to the given one)
  assert.deepEqual(slotsOf(fromLog), slotsOf(fromEvents));
  // each exit repeats its entry: code only
  assert.equal(slotsOf(fromLog).length, 4 + 3 * (3 + 1) + 2 + 4 + 2);
});

test('a log whose ids do not follow one another packs and reads back as given', () => {
  const events: HistoryEvent[] = [
    makeEvent(1, 0, T0, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input: '{}', inputDetails: NOT_TRUNCATED }),
    makeEvent(3, 1, T0, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: '{}', outputDetails: NOT_TRUNCATED }),
    makeEvent(4, 3, T0 + 1, 'ExecutionSucceeded', 'executionSucceededEventDetails', { output: '{}', outputDetails: NOT_TRUNCATED }),
  ];
  const h = new PackedHistory(EventLog.of(events), T0);
  assert.deepEqual(h.slice(0, 9, T0), events);
  assert.equal(h.lastId, 4);
});

test('a sealed history unseals to the same events, with offsets past one unit', () => {
  const events: HistoryEvent[] = [
    ...EVENTS,
    // offsets of 40 s (two units), 7 days (a value: past what two units hold) and one that repeats the values before
    makeEvent(16, 15, T0 + 40_000, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'L', input: '{}', inputDetails: NOT_TRUNCATED }),
    makeEvent(17, 16, T0 + 7 * 86_400_000, 'PassStateExited', 'stateExitedEventDetails', { name: 'L', output: '{}', outputDetails: NOT_TRUNCATED }),
  ];
  const h = new PackedHistory(events, T0);
  const sealed = h.sealed()!;
  assert.ok(sealed);
  const back = new PackedHistory([], T0);
  back.unseal(sealed);
  back.lastId = h.lastId;
  assert.equal(back.length, events.length);
  assert.equal(JSON.stringify(back.slice(0, back.length, T0)), JSON.stringify(events));
  // the next history with the same values shares their list
  const again = new PackedHistory(events, T0).sealed()!;
  assert.equal(again.values, sealed.values);
});

test('histories laid out alike seal to the same units (one string is kept for them), each with its own values', () => {
  // two executions that went the same way at the same pace with other payloads, then one at another pace: the units
  // say how a history is laid out, never what its values are
  const run = (input: string, pace: number): HistoryEvent[] => [
    makeEvent(1, 0, T0, 'ExecutionStarted', 'executionStartedEventDetails', { input, inputDetails: NOT_TRUNCATED, roleArn: 'r' }),
    makeEvent(2, 1, T0 + pace, 'PassStateEntered', 'stateEnteredEventDetails', { name: 'A', input, inputDetails: NOT_TRUNCATED }),
    makeEvent(3, 2, T0 + pace, 'PassStateExited', 'stateExitedEventDetails', { name: 'A', output: input, outputDetails: NOT_TRUNCATED }),
  ];
  const seal = (events: HistoryEvent[]) => new PackedHistory(events, T0).sealed()!;
  const a = seal(run('{"x":1}', 0));
  const b = seal(run('{"x":2}', 0));
  const c = seal(run('{"x":3}', 5));
  assert.equal(a.units, b.units);
  assert.notEqual(a.units, c.units);
  assert.notDeepEqual(a.values, b.values);
  for (const [sealed, events] of [[a, run('{"x":1}', 0)], [b, run('{"x":2}', 0)], [c, run('{"x":3}', 5)]] as const) {
    const back = new PackedHistory([], T0);
    back.unseal(sealed);
    back.lastId = 3;
    assert.equal(JSON.stringify(back.slice(0, back.length, T0)), JSON.stringify(events));
  }
});
