import { test, mock, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { SystemClock } from './clock.js';

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
