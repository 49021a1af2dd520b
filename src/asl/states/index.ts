import type { StateType } from '../definition/types.js';
import type { StateHandler } from './handler.js';
import { pass } from './pass.js';
import { task } from './task.js';
import { choice } from './choice.js';
import { wait } from './wait.js';
import { succeed } from './succeed.js';
import { fail } from './fail.js';
import { parallel } from './parallel.js';
import { map } from './map.js';

export const STATE_HANDLERS: Record<StateType, StateHandler> = {
  Pass: pass, Task: task, Choice: choice, Wait: wait, Succeed: succeed, Fail: fail, Parallel: parallel, Map: map,
};
