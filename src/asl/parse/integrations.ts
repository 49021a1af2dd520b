// The optimized integrations of Task states (AWS, "Integrating services with
// Step Functions"), for the services whose API actions are listed in full
// here. A Task naming one of these services with another action is refused
// at creation, as AWS refuses `arn:aws:states:::dynamodb:query`; services not
// listed (and every aws-sdk integration) are not checked.
const OPTIMIZED: Readonly<Record<string, readonly string[]>> = {
  lambda: ['invoke'],
  dynamodb: ['getItem', 'putItem', 'updateItem', 'deleteItem'],
  sns: ['publish'],
  sqs: ['sendMessage'],
  events: ['putEvents'],
  states: ['startExecution'],
  http: ['invoke'],
  apigateway: ['invoke'],
  batch: ['submitJob'],
  ecs: ['runTask'],
  glue: ['startJobRun'],
};

/** AWS's message when a Task's Resource names an optimized integration that does not exist; undefined otherwise. */
export function unknownIntegration(resource: string): string | undefined {
  const m = /^arn:aws[a-z-]*:states:[a-z0-9-]*:[0-9]*:([a-z0-9-]+):([A-Za-z0-9]+)(?:\.sync(?::2)?|\.waitForTaskToken)?$/.exec(resource);
  if (!m) return undefined;
  const actions = OPTIMIZED[m[1]!];
  if (!actions || actions.includes(m[2]!)) return undefined;
  return `The resource provided ${resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region.`;
}
