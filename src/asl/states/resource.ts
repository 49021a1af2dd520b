// How a Task's Resource ARN maps to the history AWS writes for it:
//   arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]  -> LambdaFunction* events
//   arn:aws:states:REGION:ACCOUNT:activity:NAME              -> Activity* events
//   arn:aws:states:[REGION]:[ACCOUNT]:SERVICE:ACTION[.sync[:2]|.waitForTaskToken]
//                                                             -> Task* events (resourceType SERVICE, resource ACTION...)
//   arn:aws:states:::aws-sdk:SERVICE:ACTION                   -> resourceType "aws-sdk:SERVICE"
import { memoize } from '../memo.js';

export interface ResolvedResource {
  readonly family: 'lambda' | 'task' | 'activity';
  readonly resourceType: string;
  readonly resource: string;
  readonly waitForTaskToken: boolean;
  readonly sync: false | '1' | '2';
}

/** The resource an ARN names (answers are shared: never mutate them). */
export const resolveResource: (arn: string) => ResolvedResource = memoize(resolve);

function resolve(arn: string): ResolvedResource {
  const parts = arn.split(':');
  const service = parts[2];
  if (service === 'lambda' && parts[5] === 'function') {
    return { family: 'lambda', resourceType: 'lambda', resource: arn, waitForTaskToken: false, sync: false };
  }
  if (service === 'states' && parts[5] === 'activity') {
    return { family: 'activity', resourceType: 'activity', resource: arn, waitForTaskToken: false, sync: false };
  }
  let rest = parts.slice(5);
  let resourceType = rest[0] ?? '';
  if (resourceType === 'aws-sdk') { resourceType = `aws-sdk:${rest[1] ?? ''}`; rest = rest.slice(2); } else rest = rest.slice(1);
  const resource = rest.join(':');
  const waitForTaskToken = resource.endsWith('.waitForTaskToken');
  const m = /\.sync(?::(\d+))?$/.exec(resource);
  const sync = m ? (m[1] === '2' ? '2' : '1') : false;
  return { family: 'task', resourceType, resource, waitForTaskToken, sync };
}
