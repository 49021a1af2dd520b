// The public face of the pure interpreter.
export * from './step.js';
export { parseDefinition, invalidDefinitionMessage } from './parse/parse.js';
export type { Diagnostic } from './parse/diagnostic.js';
export { variableReferences } from './parse/variable-references.js';
export { StatesError } from './errors/states-error.js';
export { resolveResource } from './states/resource.js';
export { EventLog, FORM_DETAIL, FORM_ENTERED, FORM_EVENT, FORM_EXITED, FORM_FIELDS, FORM_NONE } from './execution/event-log.js';
export { DeferredText, makeEvent, NOT_TRUNCATED, payloadOf, type PayloadText, payloadText, textOf } from './execution/events.js';
export { isoTime } from './execution/context.js';
