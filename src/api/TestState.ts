import { ApiError } from './errors.js';
import type { Operation } from './context.js';

export const TestState: Operation = () => {
  throw new ApiError('ValidationException', 'not yet');
};
