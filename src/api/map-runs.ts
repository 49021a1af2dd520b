// Map run look-ups: the runs of an execution come from its history; a map
// run ARN (mapRun:STATE_MACHINE/LABEL:ID) names its state machine but not its
// execution, so an unknown one is searched among that machine's executions.
import type { ApiContext } from './context.js';
import { parseArn } from './arns.js';
import { resourceNotFound } from './machines.js';
import type { StoredExecution } from '../engine/engine.js';
import type { MapRunView } from '../engine/registry/index.js';

export async function mapRunsOf(ctx: ApiContext, rec: StoredExecution): Promise<MapRunView[]> {
  const events = await ctx.engine.history(rec.executionArn);
  let program;
  try { program = ctx.engine.program(rec.definition, rec.state.info.type); } catch { program = undefined; }
  return ctx.engine.registry.mapRuns.of({ executionArn: rec.executionArn, stateMachineArn: rec.stateMachineArn, events, state: rec.state, program });
}

export async function mapRunOrThrow(ctx: ApiContext, arn: unknown): Promise<MapRunView> {
  const p = parseArn(arn, ['mapRun']);
  const text = String(arn);
  const reg = ctx.engine.registry.mapRuns;
  const candidates: string[] = [];
  const owner = reg.ownerOf(text);
  if (owner) candidates.push(owner);
  else {
    const machineName = p.rest[0]!.split('/')[0]!;
    const machineArn = `arn:${p.partition}:states:${p.region}:${p.account}:stateMachine:${machineName}`;
    let token: string | undefined;
    do {
      const page = await ctx.engine.listExecutions({ stateMachineArn: machineArn, limit: 1000, nextToken: token });
      candidates.push(...page.items.map((e) => e.executionArn));
      token = page.nextToken;
    } while (token);
  }
  for (const executionArn of candidates) {
    const rec = await ctx.engine.getExecution(executionArn);
    if (!rec) continue;
    const run = (await mapRunsOf(ctx, rec)).find((r) => r.mapRunArn === text);
    if (run) return run;
  }
  throw resourceNotFound();
}
