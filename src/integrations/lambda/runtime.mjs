// The Lambda runtime of one execution environment: a worker thread or a
// child process that serves invocations of ONE handler module, one at a time,
// as a Lambda execution environment does. Plain JavaScript so that a worker
// starts without a TypeScript loader; a `.ts` handler registers tsx first.
// Protocol (environment.ts): [id, payload, awsRequestId, deadline, captureLogs] in,
// [id, payload, errorType or null, logs or null] out.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const port = isMainThread ? null : parentPort;
const send = (msg) => (port ? port.postMessage(msg) : process.send(msg));
const file = port ? workerData.file : process.argv[2];
/** the context fields every call of this function shares */
const fn = port ? workerData.context : JSON.parse(process.argv[3]);

/** console output of the running invocation, for LogType: Tail (Lambda keeps the last 4 KB) */
let logs = null;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    if (logs) logs.push(`${new Date().toISOString()}\t${level.toUpperCase()}\t${format(...args)}\n`);
    original(...args);
  };
}

let handler;
let loading;
function loadHandler() {
  loading ??= (async () => {
    if (/\.[cm]?ts$/.test(file)) (await import('tsx/esm/api')).register();
    const m = await import(pathToFileURL(file).href);
    handler = m.handler ?? m.default?.handler;
    return handler;
  })();
  return loading;
}

function errorPayload(e) {
  const err = e ?? {};
  const errorType = typeof err === 'object' && typeof err.name === 'string' ? err.name : typeof err === 'string' ? 'string' : 'Error';
  // a handler may dictate its whole error payload (shared/conformance/README.md, "Lambda")
  if (typeof err === 'object' && err.lambdaErrorPayload !== undefined) return [errorType, JSON.stringify(err.lambdaErrorPayload)];
  const errorMessage = typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
  return [errorType, JSON.stringify({ errorMessage, errorType })];
}

/** The context object a Lambda handler gets (Node.js runtime), fields in that runtime's order. */
function contextOf(requestId, deadline) {
  return {
    awsRequestId: requestId, functionName: fn.functionName, functionVersion: fn.functionVersion,
    invokedFunctionArn: fn.invokedFunctionArn, memoryLimitInMB: fn.memoryLimitInMB, logGroupName: fn.logGroupName,
    logStreamName: `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[${fn.functionVersion}]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

async function invoke([id, payload, requestId, deadline, captureLogs]) {
  logs = captureLogs ? [] : null;
  let out;
  try {
    const h = handler ?? await loadHandler();
    if (typeof h !== 'function') {
      out = ['Runtime.HandlerNotFound', JSON.stringify({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${fn.functionName}.handler is undefined or not exported` })];
    } else {
      const value = await h(JSON.parse(payload), contextOf(requestId, deadline));
      out = [null, value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : JSON.stringify(value ?? null)];
    }
  } catch (e) {
    out = errorPayload(e);
  }
  const tail = logs ? logs.join('') : null;
  logs = null;
  send([id, out[1], out[0], tail]);
}

const onMessage = (msg) => { void invoke(msg); };
if (port) port.on('message', onMessage);
else process.on('message', onMessage);
