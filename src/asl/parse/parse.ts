import type { Catcher, Program, QueryLanguage, Retrier, Scope, StateDef, StateType } from '../definition/types.js';
import { stateKey } from '../definition/types.js';
import { type Diagnostic, pointer } from './diagnostic.js';
import { allowedFields, otherLanguageFields, STATE_TYPES } from './fields.js';
import { checkStateFields } from './state-fields.js';
import { parseChoiceRule } from '../states/choice-rule.js';
import { stateVariableReferences } from './variable-references.js';
import { checkJsonataExpressions } from './jsonata-fields.js';
import { BOOLEAN_OPERATORS_AND_TESTS } from '../states/choice-rule.js';

export interface ParseOptions {
  /** EXPRESS state machines refuse `.sync` and `.waitForTaskToken` integrations */
  readonly type?: 'STANDARD' | 'EXPRESS';
}

export interface ParseResult {
  readonly program?: Program;
  readonly diagnostics: readonly Diagnostic[];
}

const isObject = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

class Parser {
  readonly diags: Diagnostic[] = [];
  readonly scopes = new Map<string, Scope>();
  readonly compiled = new Map<string, unknown>();
  private scopeCounter = 0;
  /** the state machine's QueryLanguage: Parallel branches and Map processors inherit it, not their state's */
  topLang: QueryLanguage = 'JSONPath';

  constructor(readonly options: ParseOptions) {}

  error(location: string, message: string, code = 'SCHEMA_VALIDATION_FAILED'): void {
    this.diags.push({ severity: 'ERROR', code, message, location });
  }

  parseScope(raw: Record<string, any>, loc: string, key: string, inherited: QueryLanguage): Scope | undefined {
    const missing = ['StartAt', 'States'].filter((f) => raw[f] === undefined);
    if (missing.length) {
      this.error(loc || '/', `These fields are required: [${missing.join(', ')}]`);
      return undefined;
    }
    if (typeof raw.StartAt !== 'string') this.error(pointer(loc, 'StartAt'), "The value for the field 'StartAt' must be a STRING");
    if (!isObject(raw.States)) {
      this.error(pointer(loc, 'States'), "The value for the field 'States' must be an OBJECT");
      return undefined;
    }
    const lang = this.queryLanguage(raw.QueryLanguage, pointer(loc, 'QueryLanguage'), inherited, loc === '');
    const states = new Map<string, StateDef>();
    const scope: Scope = { key, startAt: raw.StartAt, states, queryLanguage: lang };
    this.scopes.set(key, scope);
    for (const [name, st] of Object.entries(raw.States)) {
      const sloc = pointer(loc, 'States', name);
      if (name.length > 80) this.error(sloc, `State name '${name}' exceeds the maximum length of 80 characters`);
      if (!isObject(st)) { this.error(sloc, "The value for the field 'State' must be an OBJECT"); continue; }
      const def = this.parseState(name, st, sloc, key, lang);
      if (def) states.set(name, def);
    }
    if (typeof raw.StartAt === 'string' && !(raw.StartAt in raw.States)) {
      this.error(pointer(loc, 'StartAt'), `Missing 'Next' target: ${raw.StartAt}`, 'MISSING_TRANSITION_TARGET');
    }
    this.checkTransitions(scope, raw.States, loc);
    return scope;
  }

  queryLanguage(v: unknown, loc: string, inherited: QueryLanguage, topLevel: boolean): QueryLanguage {
    if (v === undefined) return inherited;
    if (v !== 'JSONPath' && v !== 'JSONata') {
      this.error(loc, "The field 'QueryLanguage' should have one of these values: [JSONPath, JSONata]");
      return inherited;
    }
    if (!topLevel && inherited === 'JSONata' && v === 'JSONPath') {
      this.error(loc.replace(/\/QueryLanguage$/, ''), "'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine");
      return inherited;
    }
    return v;
  }

  parseState(name: string, raw: Record<string, any>, loc: string, scopeKey: string, inherited: QueryLanguage): StateDef | undefined {
    const type = raw.Type as StateType;
    if (!STATE_TYPES.includes(type)) {
      if (raw.Type === undefined) this.error(loc, 'These fields are required: [Type]');
      else this.error(pointer(loc, 'Type'), `The field 'Type' should have one of these values: [${STATE_TYPES.join(', ')}]`);
      return undefined;
    }
    const lang = this.queryLanguage(raw.QueryLanguage, pointer(loc, 'QueryLanguage'), inherited, false);
    const allowed = allowedFields(type, lang);
    const foreign = otherLanguageFields(type, lang);
    const other = lang === 'JSONata' ? 'JSONPath' : 'JSONata';
    for (const field of Object.keys(raw)) {
      if (allowed.has(field)) continue;
      if (foreign.has(field)) {
        this.error(loc, `The QueryLanguage is set to '${lang}', but field '${field}' is only supported for the '${other}' QueryLanguage`);
      } else {
        this.error(loc, `Field '${field}' is not supported`);
      }
    }
    if (lang === 'JSONata') checkJsonataExpressions(raw, loc, (l, m, code) => this.error(l, m, code));
    const terminal = type === 'Succeed' || type === 'Fail' || type === 'Choice';
    if (!terminal) {
      if (raw.Next !== undefined && raw.End !== undefined) this.error(loc, "Only one of the fields 'Next' and 'End' may be set");
      else if (raw.Next === undefined && raw.End !== true) this.error(loc, "Either the field 'Next' or 'End: true' is required", 'MISSING_TRANSITION_TARGET');
      if (raw.Next !== undefined && typeof raw.Next !== 'string') this.error(pointer(loc, 'Next'), "The value for the field 'Next' must be a STRING");
      if (raw.End !== undefined && typeof raw.End !== 'boolean') this.error(pointer(loc, 'End'), "The value for the field 'End' must be a BOOLEAN");
    }
    const branches: string[] = [];
    let processor: string | undefined;
    if (type === 'Parallel') {
      if (!Array.isArray(raw.Branches)) this.error(loc, 'These fields are required: [Branches]');
      else if (raw.Branches.length === 0) this.error(pointer(loc, 'Branches'), 'Value cannot be empty');
      else raw.Branches.forEach((b: unknown, i: number) => {
        const bl = pointer(loc, 'Branches', i);
        if (!isObject(b)) { this.error(bl, "The value for the field 'Branches' must be an OBJECT"); return; }
        const key = `${scopeKey}/${name}#${i}.${++this.scopeCounter}`;
        if (this.parseScope(b, bl, key, this.topLang)) branches.push(key);
      });
    }
    if (type === 'Map') {
      const field = raw.ItemProcessor !== undefined ? 'ItemProcessor' : raw.Iterator !== undefined ? 'Iterator' : undefined;
      if (!field) this.error(loc, 'These fields are required: [ItemProcessor]');
      else if (!isObject(raw[field])) this.error(pointer(loc, field), `The value for the field '${field}' must be an OBJECT`);
      else {
        if (raw[field].QueryLanguage !== undefined) this.error(pointer(loc, field), "Field 'QueryLanguage' is not supported");
        const key = `${scopeKey}/${name}#m.${++this.scopeCounter}`;
        if (this.parseScope(raw[field], pointer(loc, field), key, this.topLang)) processor = key;
      }
    }
    const retry = this.parseRetry(raw.Retry, pointer(loc, 'Retry'));
    const catchers = this.parseCatch(raw.Catch, pointer(loc, 'Catch'));
    let choices: unknown[] | undefined;
    if (type === 'Choice') {
      if (!Array.isArray(raw.Choices)) this.error(loc, 'These fields are required: [Choices]');
      else if (raw.Choices.length === 0) this.error(pointer(loc, 'Choices'), 'Value cannot be empty');
      else {
        choices = raw.Choices.map((c: unknown, i: number) => lang === 'JSONata'
          ? this.jsonataChoice(c, pointer(loc, 'Choices', i))
          : parseChoiceRule(c, pointer(loc, 'Choices', i), this.diags, true));
      }
      if (raw.Default !== undefined && typeof raw.Default !== 'string') this.error(pointer(loc, 'Default'), "The value for the field 'Default' must be a STRING");
    }
    checkStateFields(raw, type, lang, loc, this.options, (l, m) => this.error(l, m));
    const def: StateDef = {
      name, type, scopeKey, queryLanguage: lang, raw,
      next: typeof raw.Next === 'string' ? raw.Next : undefined,
      end: raw.End === true,
      retry, catch: catchers, branches, processor, choices,
      default: typeof raw.Default === 'string' ? raw.Default : undefined,
    };
    this.compiled.set(stateKey(scopeKey, name), def);
    return def;
  }

  jsonataChoice(c: unknown, loc: string): unknown {
    if (!isObject(c)) { this.error(loc, "The value for the field 'Choices' must be an ARRAY of OBJECT"); return undefined; }
    if (c.Condition === undefined) this.error(loc, 'These fields are required: [Condition]');
    if (typeof c.Next !== 'string') this.error(loc, 'These fields are required: [Next]');
    for (const k of Object.keys(c)) {
      if (['Condition', 'Next', 'Assign', 'Output', 'Comment'].includes(k)) continue;
      this.error(loc, BOOLEAN_OPERATORS_AND_TESTS.has(k)
        ? `The QueryLanguage is set to 'JSONata', but field '${k}' is only supported for the 'JSONPath' QueryLanguage`
        : `Field '${k}' is not supported`);
    }
    return c;
  }

  parseRetry(v: unknown, loc: string): Retrier[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) { this.error(loc, "The value for the field 'Retry' must be an ARRAY"); return []; }
    return v.flatMap((r: unknown, i: number): Retrier[] => {
      const rl = pointer(loc, i);
      if (!isObject(r)) { this.error(rl, "The value for the field 'Retrier' must be an OBJECT"); return []; }
      const errs = this.errorEquals(r.ErrorEquals, rl);
      const num = (field: string, min: number, int: boolean, max?: number): number | undefined => {
        const x = r[field];
        if (x === undefined) return undefined;
        if (typeof x !== 'number' || (int && !Number.isInteger(x)) || x < min || (max !== undefined && x > max)) {
          this.error(pointer(rl, field), `The value for the field '${field}' must be ${int ? 'an INTEGER' : 'a NUMBER'} >= ${min}`);
          return undefined;
        }
        return x;
      };
      const jitter = r.JitterStrategy ?? 'NONE';
      if (jitter !== 'FULL' && jitter !== 'NONE') this.error(pointer(rl, 'JitterStrategy'), "The field 'JitterStrategy' should have one of these values: [FULL, NONE]");
      for (const k of Object.keys(r)) {
        if (!['ErrorEquals', 'IntervalSeconds', 'MaxAttempts', 'BackoffRate', 'MaxDelaySeconds', 'JitterStrategy', 'Comment'].includes(k)) {
          this.error(rl, `Field '${k}' is not supported by Retrier`);
        }
      }
      return [{
        errorEquals: errs,
        intervalSeconds: num('IntervalSeconds', 1, true, 99999999) ?? 1,
        maxAttempts: num('MaxAttempts', 0, true, 99999999) ?? 3,
        backoffRate: num('BackoffRate', 1, false) ?? 2,
        maxDelaySeconds: num('MaxDelaySeconds', 1, true, 31622400),
        jitterStrategy: jitter === 'FULL' ? 'FULL' : 'NONE',
        comment: typeof r.Comment === 'string' ? r.Comment : undefined,
      }];
    });
  }

  parseCatch(v: unknown, loc: string): Catcher[] {
    if (v === undefined) return [];
    if (!Array.isArray(v)) { this.error(loc, "The value for the field 'Catch' must be an ARRAY"); return []; }
    return v.flatMap((c: unknown, i: number): Catcher[] => {
      const cl = pointer(loc, i);
      if (!isObject(c)) { this.error(cl, "The value for the field 'Catcher' must be an OBJECT"); return []; }
      const errs = this.errorEquals(c.ErrorEquals, cl);
      if (typeof c.Next !== 'string') { this.error(cl, 'These fields are required: [Next]'); return []; }
      for (const k of Object.keys(c)) {
        if (!['ErrorEquals', 'Next', 'ResultPath', 'Output', 'Assign', 'Comment'].includes(k)) this.error(cl, `Field '${k}' is not supported by Catcher`);
      }
      return [{ errorEquals: errs, next: c.Next, resultPath: c.ResultPath, output: c.Output, assign: c.Assign }];
    });
  }

  errorEquals(v: unknown, loc: string): string[] {
    if (!Array.isArray(v) || v.length === 0 || !v.every((e) => typeof e === 'string')) {
      this.error(loc, v === undefined ? 'These fields are required: [ErrorEquals]' : "The value for the field 'ErrorEquals' must be a non-empty ARRAY of STRING");
      return [];
    }
    const all = v.indexOf('States.ALL');
    if (all >= 0 && v.length > 1) this.error(pointer(loc, 'ErrorEquals'), 'States.ALL must appear alone in ErrorEquals');
    return v as string[];
  }

  checkTransitions(scope: Scope, rawStates: Record<string, any>, loc: string): void {
    const targets = (name: string, st: StateDef): { to: string; at: string }[] => {
      const sl = pointer(loc, 'States', name);
      const out: { to: string; at: string }[] = [];
      if (st.next !== undefined) out.push({ to: st.next, at: pointer(sl, 'Next') });
      if (st.default !== undefined) out.push({ to: st.default, at: pointer(sl, 'Default') });
      st.catch.forEach((c, i) => out.push({ to: c.next, at: pointer(sl, 'Catch', i, 'Next') }));
      (st.raw.Choices ?? []).forEach((c: any, i: number) => {
        if (isObject(c) && typeof c.Next === 'string') out.push({ to: c.Next, at: pointer(sl, 'Choices', i, 'Next') });
      });
      return out;
    };
    for (const [name, st] of scope.states) {
      for (const t of targets(name, st)) {
        if (!(t.to in rawStates)) this.error(t.at, `Missing 'Next' target: ${t.to}`, 'MISSING_TRANSITION_TARGET');
      }
    }
    if (!scope.states.has(scope.startAt)) return;
    const seen = new Set<string>([scope.startAt]);
    const queue = [scope.startAt];
    while (queue.length) {
      const name = queue.pop()!;
      const st = scope.states.get(name);
      if (!st) continue;
      for (const t of targets(name, st)) if (!seen.has(t.to)) { seen.add(t.to); queue.push(t.to); }
    }
    for (const name of scope.states.keys()) {
      if (!seen.has(name)) this.error(pointer(loc, 'States', name), `State '${name}' is not reachable`, 'UNREACHABLE_STATE');
    }
    let hasEnd = false;
    for (const st of scope.states.values()) if (st.end || st.type === 'Succeed' || st.type === 'Fail') hasEnd = true;
    if (!hasEnd && scope.states.size > 0) this.error(loc || '/', 'No terminal state found in machine', 'MISSING_END_STATE');
  }
}

/** Parses and statically checks a definition text. */
export function parseDefinition(text: string, options: ParseOptions = {}): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { diagnostics: [{ severity: 'ERROR', code: 'INVALID_JSON_DESCRIPTION', message: (e as Error).message, location: '/' }] };
  }
  if (!isObject(raw)) {
    return { diagnostics: [{ severity: 'ERROR', code: 'SCHEMA_VALIDATION_FAILED', message: 'Definition must be a valid JSON object', location: '/' }] };
  }
  const p = new Parser(options);
  const topLang = p.queryLanguage(raw.QueryLanguage, '/QueryLanguage', 'JSONPath', true);
  p.topLang = topLang;
  for (const k of Object.keys(raw)) {
    if (!['Comment', 'StartAt', 'States', 'Version', 'TimeoutSeconds', 'QueryLanguage'].includes(k)) {
      p.error('/', `These fields are not allowed: [${k}]`);
    }
  }
  if (raw.TimeoutSeconds !== undefined && (!Number.isInteger(raw.TimeoutSeconds) || raw.TimeoutSeconds < 0 || raw.TimeoutSeconds > 99999999)) {
    p.error('/TimeoutSeconds', "The value for the field 'TimeoutSeconds' must be an INTEGER between 0 and 99999999");
  }
  if (raw.Version !== undefined && raw.Version !== '1.0') p.error('/Version', "The value for the field 'Version' must be '1.0'");
  const root = p.parseScope(raw, '', '', topLang);
  if (!root || p.diags.length) return { diagnostics: p.diags };
  return {
    diagnostics: [],
    program: {
      root, scopes: p.scopes, timeoutSeconds: raw.TimeoutSeconds, queryLanguage: topLang,
      comment: raw.Comment, compiled: p.compiled, raw, usesVariablesOrJsonata: usesVariablesOrJsonata(p.scopes),
    },
  };
}

function usesVariablesOrJsonata(scopes: ReadonlyMap<string, Scope>): boolean {
  for (const scope of scopes.values()) {
    for (const def of scope.states.values()) {
      if (def.queryLanguage === 'JSONata' || def.raw.Assign !== undefined || def.catch.some((c) => c.assign !== undefined)) return true;
      if ((def.raw.Choices ?? []).some((c: any) => isObject(c) && c.Assign !== undefined)) return true;
      if (stateVariableReferences(def).length) return true;
    }
  }
  return false;
}

/** AWS's InvalidDefinition message for a list of diagnostics. */
export function invalidDefinitionMessage(diags: readonly Diagnostic[]): string {
  const parts = diags.filter((d) => d.severity === 'ERROR').map((d) => `${d.code}: ${d.message} at ${d.location || '/'}`);
  return `Invalid State Machine Definition: '${parts.join(', ')}'`;
}
