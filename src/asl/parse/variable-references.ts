// DescribeStateMachine's `variableReferences` (Step Functions API reference,
// DescribeStateMachine): for each state that reads workflow variables, the
// names it reads, sorted. Recorded answers show what counts: `.$` template
// values and path fields that start with `$name`, paths inside intrinsic
// calls, Choice rule operands, and variables inside `{% %}` expressions;
// neither `$states` nor JSONata's own functions nor names bound inside the
// expression, nor a literal "$name" without `.$`. A Map's ItemSelector and
// ItemReader count for the Map; its inner states count for themselves.
import type { Program, StateDef } from '../definition/types.js';
import { pathTarget } from '../query/reference.js';
import { isIntrinsicCall, parseIntrinsic, type IntrinsicCall } from '../intrinsics/index.js';
import { compileJsonata, expressionText, isJsonataExpression } from '../query/jsonata/jsonata.js';

/** JSONata 1.8's built-in functions and those Step Functions adds: never workflow variables. */
const FUNCTIONS = new Set(['sum', 'count', 'max', 'min', 'average', 'string', 'substring', 'substringBefore',
  'substringAfter', 'lowercase', 'uppercase', 'length', 'trim', 'pad', 'match', 'contains', 'replace', 'split',
  'join', 'formatNumber', 'formatBase', 'formatInteger', 'parseInteger', 'number', 'floor', 'ceil', 'round', 'abs',
  'sqrt', 'power', 'random', 'boolean', 'not', 'map', 'zip', 'filter', 'single', 'reduce', 'sift', 'keys', 'lookup',
  'append', 'exists', 'spread', 'merge', 'reverse', 'each', 'error', 'assert', 'type', 'sort', 'shuffle', 'distinct',
  'base64encode', 'base64decode', 'encodeUrlComponent', 'encodeUrl', 'decodeUrlComponent', 'decodeUrl', 'eval',
  'toMillis', 'fromMillis', 'clone', 'now', 'millis',
  'partition', 'range', 'hash', 'uuid', 'parse']);

/** Path fields of JSONPath states that may name a variable. */
const PATH_FIELDS = ['InputPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath',
  'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath',
  'ErrorPath', 'CausePath'];
/** Payload-template fields of JSONPath states. */
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector', 'Assign', 'Credentials'];
/** Fields that hold other states or plain text: never searched as the state's own. */
const NOT_OWN = new Set(['Branches', 'ItemProcessor', 'Iterator', 'Comment', 'Type', 'Next', 'End', 'QueryLanguage', 'Resource']);

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fromPath(text: unknown, out: Set<string>): void {
  if (typeof text !== 'string') return;
  if (isIntrinsicCall(text)) {
    try { fromIntrinsic(parseIntrinsic(text), out); } catch { /* refused at parse time */ }
    return;
  }
  if (!text.startsWith('$') || text.startsWith('$$')) return;
  const target = pathTarget(text);
  if (target.kind === 'variable') out.add(target.name);
}

function fromIntrinsic(call: IntrinsicCall, out: Set<string>): void {
  for (const a of call.args) {
    if (a.kind === 'path') fromPath(a.path, out);
    else if (a.kind === 'call') fromIntrinsic(a.call, out);
  }
}

/** `.$` values of a payload template. */
function fromTemplate(template: unknown, out: Set<string>): void {
  if (Array.isArray(template)) { for (const t of template) fromTemplate(t, out); return; }
  if (!isObject(template)) return;
  for (const [k, v] of Object.entries(template)) {
    if (k.endsWith('.$')) fromPath(v, out);
    else fromTemplate(v, out);
  }
}

function fromChoiceRule(rule: unknown, out: Set<string>): void {
  if (!isObject(rule)) return;
  for (const [k, v] of Object.entries(rule)) {
    if (k === 'Variable' || (k.endsWith('Path') && typeof v === 'string')) fromPath(v, out);
    else if (k === 'And' || k === 'Or') { if (Array.isArray(v)) v.forEach((r) => fromChoiceRule(r, out)); }
    else if (k === 'Not') fromChoiceRule(v, out);
    else if (k === 'Assign') fromTemplate(v, out);
  }
}

/** Free variables of one JSONata expression. */
function fromExpression(source: string, out: Set<string>): void {
  let ast: unknown;
  try { ast = compileJsonata(expressionText(source)).ast(); } catch { return; }
  const bound = new Set<string>(['states', '', '$']);
  const used: string[] = [];
  const walk = (node: unknown, procedure = false): void => {
    if (Array.isArray(node)) { for (const n of node) walk(n); return; }
    if (!isObject(node)) return;
    if (node.type === 'variable' && typeof node.value === 'string' && !procedure) used.push(node.value);
    if (node.type === 'bind' && isObject(node.lhs) && typeof node.lhs.value === 'string') bound.add(node.lhs.value);
    if (node.type === 'lambda' && Array.isArray(node.arguments)) for (const a of node.arguments) if (typeof a?.value === 'string') bound.add(a.value);
    if (typeof node.focus === 'string') bound.add(node.focus);
    if (typeof node.index === 'string') bound.add(node.index);
    for (const [k, v] of Object.entries(node)) {
      if (k === 'procedure') walk(v, true);
      else if (typeof v === 'object') walk(v);
    }
  };
  walk(ast);
  for (const name of used) if (!bound.has(name) && !FUNCTIONS.has(name)) out.add(name);
}

/** Every `{% %}` string anywhere in a JSONata-language value. */
function fromJsonataValue(value: unknown, out: Set<string>): void {
  if (isJsonataExpression(value)) { fromExpression(value, out); return; }
  if (Array.isArray(value)) { for (const v of value) fromJsonataValue(v, out); return; }
  if (isObject(value)) for (const v of Object.values(value)) fromJsonataValue(v, out);
}

/** The variables one state reads. */
export function stateVariableReferences(def: StateDef): string[] {
  const out = new Set<string>();
  const raw = def.raw;
  if (def.queryLanguage === 'JSONata') {
    for (const [k, v] of Object.entries(raw)) if (!NOT_OWN.has(k)) fromJsonataValue(v, out);
  } else {
    for (const f of PATH_FIELDS) fromPath(raw[f], out);
    for (const f of TEMPLATE_FIELDS) fromTemplate(raw[f], out);
    if (Array.isArray(raw.Choices)) for (const r of raw.Choices) fromChoiceRule(r, out);
    if (Array.isArray(raw.Catch)) for (const c of raw.Catch) if (isObject(c)) fromTemplate(c.Assign, out);
    for (const holder of [raw.ItemReader, raw.ItemBatcher, raw.ResultWriter]) {
      if (!isObject(holder)) continue;
      fromTemplate(holder.Parameters ?? holder.Arguments, out);
      fromTemplate(holder.BatchInput, out);
      for (const [k, v] of Object.entries({ ...holder, ...(isObject(holder.ReaderConfig) ? holder.ReaderConfig : {}) })) {
        if (k.endsWith('Path')) fromPath(v, out);
      }
    }
  }
  return [...out].sort();
}

/** DescribeStateMachine's variableReferences: state name -> sorted variable names; states that read none are left out. */
export function variableReferences(program: Program): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const scope of program.scopes.values()) {
    for (const def of scope.states.values()) {
      const names = stateVariableReferences(def);
      if (names.length) out[def.name] = names;
    }
  }
  return out;
}
