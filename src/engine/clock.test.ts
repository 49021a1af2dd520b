import { test, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { Alarm, ManualClock, SystemClock } from './clock.js';

afterEach(() => mock.timers.reset());

/** mocked time moves a millisecond at a time (one large tick runs every timer at its end) */
const advance = (ms: number): void => { for (let i = 0; i < ms; i++) mock.timers.tick(1); };

test('SystemClock: calls run in due order, those due together in the order scheduled, each with its argument', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000 });
  const clock = new SystemClock();
  const seen: string[] = [];
  const note = (s: string): void => { seen.push(`${s}@${Date.now()}`); };
  clock.schedule(1_300, note, 'c');
  clock.schedule(1_100, note, 'a');
  clock.schedule(1_200, note, 'b1');
  clock.schedule(1_200, note, 'b2');
  const gone = clock.schedule(1_150, note, 'cancelled');
  clock.cancel(gone);
  clock.cancel(gone); // twice is harmless
  advance(1_000);
  assert.deepEqual(seen, ['a@1100', 'b1@1200', 'b2@1200', 'c@1300']);
});

test('SystemClock: every call due when its timer goes off runs in that one turn; later ones wait', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  const clock = new SystemClock();
  const fired: number[] = [];
  for (let i = 0; i < 1_000; i++) clock.schedule(100 + (i % 10), (n: number) => fired.push(n), i);
  clock.schedule(500, (n: number) => fired.push(n), -1);
  advance(109);
  assert.equal(fired.length, 1_000);
  advance(500);
  assert.equal(fired.at(-1), -1);
});

test('SystemClock: a call scheduled earlier than the armed one moves the timer; a scale compresses the wait from the moment of arming', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  const clock = new SystemClock(0.1);
  const fired: string[] = [];
  clock.schedule(10_000, () => fired.push(`late@${Date.now()}`));
  clock.schedule(2_000, () => fired.push(`early@${Date.now()}`));
  advance(1_000);
  assert.deepEqual(fired, ['early@200', 'late@1000']);
});

test('SystemClock: with every call cancelled no timer is left to keep the process alive', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  const clock = new SystemClock();
  const handles = Array.from({ length: 5 }, (_, i) => clock.schedule(1_000 + i, () => assert.fail('cancelled')));
  for (const h of handles) clock.cancel(h);
  assert.equal((clock as unknown as { timer?: unknown }).timer, undefined);
  advance(10_000);
});

test('SystemClock: an alarm is scheduled in place and is its own handle; once fired or cancelled it can be scheduled again', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 0 });
  const clock = new SystemClock();
  class Named extends Alarm { constructor(readonly name: string) { super(); } }
  const fired: string[] = [];
  const ring = (a: Named): void => { fired.push(`${a.name}@${Date.now()}`); };
  const alarms = Array.from({ length: 50 }, (_, i) => new Named(`a${i}`));
  // due in a shuffled order, some at the same instant
  alarms.forEach((a, i) => assert.equal(clock.schedule(100 + ((i * 37) % 50) - (i % 3), ring, a), a));
  for (const a of alarms.filter((_, i) => i % 4 === 1)) clock.cancel(a);
  advance(200);
  const expected = alarms.map((a, i) => ({ a, i, at: 100 + ((i * 37) % 50) - (i % 3) })).filter(({ i }) => i % 4 !== 1)
    .sort((x, y) => x.at - y.at || x.i - y.i).map(({ a, at }) => `${a.name}@${at}`);
  assert.deepEqual(fired, expected);
  assert.ok(alarms.every((a) => a.alarmSlot === -1));
  fired.length = 0;
  clock.schedule(Date.now() + 10, ring, alarms[1]!);
  clock.schedule(Date.now() + 5, ring, alarms[0]!);
  advance(20);
  assert.deepEqual(fired, ['a0@205', 'a1@210']);
});

test('ManualClock: an alarm is its own handle', () => {
  const clock = new ManualClock(0);
  const fired: number[] = [];
  class Numbered extends Alarm { constructor(readonly n: number) { super(); } }
  const a = new Numbered(1), b = new Numbered(2);
  assert.equal(clock.schedule(10, (x: Numbered) => fired.push(x.n), a), a);
  clock.schedule(20, (x: Numbered) => fired.push(x.n), b);
  clock.cancel(a);
  clock.advance(30);
  assert.deepEqual(fired, [2]);
});
