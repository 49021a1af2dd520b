export * from './table.js';
export * from './states-error.js';
