import type { QueryLanguage, StateType } from '../definition/types.js';

// Fields each state type accepts, per the ASL spec and the AWS
// "JSONata/JSONPath" field tables. Anything else is refused as AWS refuses it.
const COMMON = ['Type', 'Comment', 'QueryLanguage'];
const FLOW = ['Next', 'End'];
const JSONPATH_IO = ['InputPath', 'OutputPath'];
const ASSIGN = ['Assign'];

export const STATE_FIELDS: Record<StateType, { common: string[]; jsonPath: string[]; jsonata: string[] }> = {
  Pass: { common: [...COMMON, ...FLOW, ...ASSIGN], jsonPath: [...JSONPATH_IO, 'Parameters', 'Result', 'ResultPath'], jsonata: ['Output'] },
  Task: {
    common: [...COMMON, ...FLOW, ...ASSIGN, 'Resource', 'Retry', 'Catch', 'Credentials'],
    jsonPath: [...JSONPATH_IO, 'Parameters', 'ResultSelector', 'ResultPath', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath'],
    jsonata: ['Arguments', 'Output', 'TimeoutSeconds', 'HeartbeatSeconds'],
  },
  Choice: { common: [...COMMON, 'Choices', 'Default', ...ASSIGN], jsonPath: JSONPATH_IO, jsonata: ['Output'] },
  Wait: {
    common: [...COMMON, ...FLOW, ...ASSIGN],
    jsonPath: [...JSONPATH_IO, 'Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'],
    jsonata: ['Output', 'Seconds', 'Timestamp'],
  },
  Succeed: { common: COMMON, jsonPath: JSONPATH_IO, jsonata: ['Output'] },
  Fail: { common: [...COMMON, 'Error', 'Cause'], jsonPath: ['ErrorPath', 'CausePath'], jsonata: [] },
  Parallel: {
    common: [...COMMON, ...FLOW, ...ASSIGN, 'Branches', 'Retry', 'Catch'],
    jsonPath: [...JSONPATH_IO, 'Parameters', 'ResultSelector', 'ResultPath'],
    jsonata: ['Arguments', 'Output'],
  },
  Map: {
    common: [...COMMON, ...FLOW, ...ASSIGN, 'ItemProcessor', 'Iterator', 'ItemReader', 'ItemBatcher', 'ResultWriter',
      'MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount', 'Label', 'Retry', 'Catch', 'ItemSelector'],
    jsonPath: [...JSONPATH_IO, 'ItemsPath', 'Parameters', 'ResultSelector', 'ResultPath', 'MaxConcurrencyPath',
      'ToleratedFailurePercentagePath', 'ToleratedFailureCountPath'],
    jsonata: ['Items', 'Output'],
  },
};

export const STATE_TYPES: readonly StateType[] = ['Task', 'Wait', 'Pass', 'Succeed', 'Fail', 'Choice', 'Parallel', 'Map'];

export function allowedFields(type: StateType, lang: QueryLanguage): Set<string> {
  const f = STATE_FIELDS[type];
  return new Set([...f.common, ...(lang === 'JSONata' ? f.jsonata : f.jsonPath)]);
}

/** Fields that belong to the other query language (for the "mixed fields" message). */
export function otherLanguageFields(type: StateType, lang: QueryLanguage): Set<string> {
  const f = STATE_FIELDS[type];
  const mine = new Set([...f.common, ...(lang === 'JSONata' ? f.jsonata : f.jsonPath)]);
  return new Set((lang === 'JSONata' ? f.jsonPath : f.jsonata).filter((x) => !mine.has(x)));
}
