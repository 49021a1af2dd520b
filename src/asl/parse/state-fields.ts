import type { QueryLanguage, StateType } from '../definition/types.js';
import { pointer } from './diagnostic.js';
import { compileJsonPath, isReferencePath } from '../query/jsonpath/jsonpath.js';
import { validatePayloadTemplate } from '../query/jsonpath/payload-template.js';
import { pathTarget } from '../query/reference.js';
import { isIntrinsicCall, validateIntrinsic } from '../intrinsics/index.js';
import { parseTimestamp } from '../states/timestamp.js';
import type { ParseOptions } from './parse.js';
import { unknownIntegration } from './integrations.js';

type Report = (location: string, message: string) => void;

/** A JSONPath-language path field: input, context ($$) or variable ($name) path. */
export function pathProblem(text: unknown, reference = false): string | undefined {
  if (typeof text !== 'string') return 'must be a STRING';
  if (!text.startsWith('$')) return 'must be a valid JSONPath';
  const target = pathTarget(text);
  try {
    compileJsonPath(target.path);
  } catch {
    return 'must be a valid JSONPath';
  }
  if (reference && (target.kind !== 'input' || !isReferencePath(target.path))) return 'must be a valid ReferencePath';
  return undefined;
}

function checkPath(raw: Record<string, any>, field: string, loc: string, report: Report, opts: { nullable?: boolean; reference?: boolean } = {}): void {
  const v = raw[field];
  if (v === undefined || (v === null && opts.nullable)) return;
  const problem = pathProblem(v, opts.reference);
  if (problem) report(pointer(loc, field), `The value for the field '${field}' ${problem}`);
}

function checkTemplate(raw: Record<string, any>, field: string, loc: string, report: Report): void {
  const v = raw[field];
  if (v === undefined) return;
  for (const p of validatePayloadTemplate(v, pointer(loc, field))) report(p.path, p.message);
  walkIntrinsics(v, pointer(loc, field), report);
}

function walkIntrinsics(v: unknown, loc: string, report: Report): void {
  if (Array.isArray(v)) { v.forEach((x) => walkIntrinsics(x, loc, report)); return; }
  if (typeof v !== 'object' || v === null) return;
  for (const [k, x] of Object.entries(v)) {
    if (k.endsWith('.$') && typeof x === 'string' && isIntrinsicCall(x)) {
      if (validateIntrinsic(x)) report(loc, `The value for the field '${k}' must be a valid JSONPath or a valid intrinsic function call`);
    } else walkIntrinsics(x, loc, report);
  }
}

const isJsonata = (v: unknown): boolean => typeof v === 'string' && /^\s*\{%[\s\S]*%\}\s*$/.test(v);

function checkPositiveInt(raw: Record<string, any>, field: string, loc: string, report: Report, lang: QueryLanguage, min = 1): void {
  const v = raw[field];
  if (v === undefined) return;
  if (lang === 'JSONata' && isJsonata(v)) return;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > 99999999) {
    report(pointer(loc, field), `The value for the field '${field}' must be ${min > 0 ? 'a positive' : 'a non-negative'} INTEGER`);
  }
}

export function checkStateFields(raw: Record<string, any>, type: StateType, lang: QueryLanguage, loc: string, options: ParseOptions, report: Report): void {
  if (lang === 'JSONPath') {
    checkPath(raw, 'InputPath', loc, report, { nullable: true });
    checkPath(raw, 'OutputPath', loc, report, { nullable: true });
    checkPath(raw, 'ResultPath', loc, report, { nullable: true, reference: true });
    for (const f of ['Parameters', 'ResultSelector', 'ItemSelector']) checkTemplate(raw, f, loc, report);
    for (const f of ['ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath',
      'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath']) checkPath(raw, f, loc, report);
    if (type === 'Fail') {
      for (const f of ['ErrorPath', 'CausePath']) {
        const v = raw[f];
        if (v === undefined) continue;
        if (typeof v === 'string' && isIntrinsicCall(v)) {
          if (validateIntrinsic(v)) report(pointer(loc, f), `The value for the field '${f}' must be a valid JSONPath or a valid intrinsic function call`);
        } else checkPath(raw, f, loc, report);
      }
    }
  }
  if (type === 'Fail') {
    if (raw.Error !== undefined && raw.ErrorPath !== undefined) report(loc, "Only one of the fields 'Error' and 'ErrorPath' may be set");
    if (raw.Cause !== undefined && raw.CausePath !== undefined) report(loc, "Only one of the fields 'Cause' and 'CausePath' may be set");
    if (raw.Error !== undefined && typeof raw.Error !== 'string') report(pointer(loc, 'Error'), "The value for the field 'Error' must be a STRING");
    if (raw.Cause !== undefined && typeof raw.Cause !== 'string') report(pointer(loc, 'Cause'), "The value for the field 'Cause' must be a STRING");
  }
  if (type === 'Wait') {
    const given = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((f) => raw[f] !== undefined);
    if (given.length !== 1) report(loc, "Exactly one of the fields 'Seconds', 'SecondsPath', 'Timestamp' and 'TimestampPath' must be set");
    checkPositiveInt(raw, 'Seconds', loc, report, lang, 0);
    if (raw.Timestamp !== undefined && !(lang === 'JSONata' && isJsonata(raw.Timestamp))) {
      if (typeof raw.Timestamp !== 'string' || parseTimestamp(raw.Timestamp) === undefined) {
        report(pointer(loc, 'Timestamp'), 'String does not match RFC3339 timestamp');
      }
    }
  }
  if (type === 'Task') {
    if (raw.Resource === undefined) report(loc, 'These fields are required: [Resource]');
    else if (typeof raw.Resource !== 'string') report(pointer(loc, 'Resource'), "The value for the field 'Resource' must be a STRING");
    else if (unknownIntegration(raw.Resource)) report(pointer(loc, 'Resource'), unknownIntegration(raw.Resource)!);
    else if (options.type === 'EXPRESS') {
      if (raw.Resource.endsWith('.waitForTaskToken')) report(pointer(loc, 'Resource'), "Express state machine does not support '.waitForTaskToken' service integration ");
      else if (/\.sync(:\d+)?$/.test(raw.Resource)) report(pointer(loc, 'Resource'), "Express state machine does not support '.sync' service integration");
    }
    checkPositiveInt(raw, 'TimeoutSeconds', loc, report, lang);
    checkPositiveInt(raw, 'HeartbeatSeconds', loc, report, lang);
    if (raw.TimeoutSeconds !== undefined && raw.TimeoutSecondsPath !== undefined) report(loc, "Only one of the fields 'TimeoutSeconds' and 'TimeoutSecondsPath' may be set");
    if (raw.HeartbeatSeconds !== undefined && raw.HeartbeatSecondsPath !== undefined) report(loc, "Only one of the fields 'HeartbeatSeconds' and 'HeartbeatSecondsPath' may be set");
    if (typeof raw.TimeoutSeconds === 'number' && typeof raw.HeartbeatSeconds === 'number' && raw.HeartbeatSeconds >= raw.TimeoutSeconds) {
      report(pointer(loc, 'HeartbeatSeconds'), "The value for the field 'HeartbeatSeconds' must be smaller than the value for the field 'TimeoutSeconds'");
    }
    if (raw.Credentials !== undefined) {
      const c = raw.Credentials;
      if (typeof c !== 'object' || c === null || (c.RoleArn === undefined && c['RoleArn.$'] === undefined)) {
        report(pointer(loc, 'Credentials'), "The field 'RoleArn' is required but was missing");
      }
    }
  }
  if (type === 'Map') {
    checkPositiveInt(raw, 'MaxConcurrency', loc, report, lang, 0);
    if (raw.Parameters !== undefined && raw.ItemSelector !== undefined) report(loc, "Only one of the fields 'Parameters' and 'ItemSelector' may be set");
    if (raw.Iterator !== undefined && raw.ItemProcessor !== undefined) report(loc, "Only one of the fields 'Iterator' and 'ItemProcessor' may be set");
  }
}
