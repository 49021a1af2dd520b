// The Lambda runtime of one execution environment: a worker thread or a
// child process that serves invocations of ONE handler module, one at a time,
// as a Lambda execution environment does. Plain JavaScript so that a worker
// starts without a TypeScript loader; a `.ts` handler registers tsx first.
// Protocol (environment.ts): [seq, payload, awsRequestId, deadline, captureLogs]
// for each call sent, in; [seq, payload, errorType or null, logs or null,
// handler ms] for each call, out, as soon as it ends. A worker thread claims
// each call in its shared slot before running it and skips a call the pool
// took back; when the pool stopped the call it ran, it starts nothing more.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { performance } from 'node:perf_hooks';

const port = isMainThread ? null : parentPort;
const send = (msg) => (port ? port.postMessage(msg) : process.send(msg));
const file = port ? workerData.file : process.argv[2];
/** the context fields every call of this function shares */
const fn = port ? workerData.context : JSON.parse(process.argv[3]);
/** call states shared with the pool (environment.ts), worker threads only */
const slots = port && workerData.slots ? new Int32Array(workerData.slots) : null;
const SLOTS = slots ? slots.length : 0;
const PENDING = 0;
const RUNNING = 1;
const FINISHED = 2;
const tag = (seq, state) => (seq % 0x10000000) * 4 + state;

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

/** logStreamName's date part, made once a day */
let streamDay = -1;
let streamDate = '';

/** The context object a Lambda handler gets (Node.js runtime), fields in that runtime's order. */
function contextOf(requestId, deadline) {
  const now = Date.now();
  if (Math.floor(now / 86_400_000) !== streamDay) {
    streamDay = Math.floor(now / 86_400_000);
    streamDate = new Date(now).toISOString().slice(0, 10).replace(/-/g, '/');
  }
  return {
    awsRequestId: requestId, functionName: fn.functionName, functionVersion: fn.functionVersion,
    invokedFunctionArn: fn.invokedFunctionArn, memoryLimitInMB: fn.memoryLimitInMB, logGroupName: fn.logGroupName,
    logStreamName: `${streamDate}/[${fn.functionVersion}]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
}

/** calls received and not yet run, five fields each, from `next` */
let queue = [];
let next = 0;
let draining = false;
/** the pool stopped the call this runtime ran: it starts nothing more (it is being terminated) */
let halted = false;

/** Runs the calls received, one at a time in order; a handler that returns a plain value runs without yielding. */
async function drain() {
  draining = true;
  while (next < queue.length && !halted) {
    const seq = queue[next];
    const payload = queue[next + 1];
    const requestId = queue[next + 2];
    const deadline = queue[next + 3];
    const captureLogs = queue[next + 4];
    queue[next + 1] = undefined;
    next += 5;
    if (slots && Atomics.compareExchange(slots, seq % SLOTS, tag(seq, PENDING), tag(seq, RUNNING)) !== tag(seq, PENDING)) continue;
    logs = captureLogs ? [] : null;
    let out;
    let ms = NaN;
    try {
      const h = handler ?? await loadHandler();
      if (typeof h !== 'function') {
        out = ['Runtime.HandlerNotFound', JSON.stringify({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${fn.functionName}.handler is undefined or not exported` })];
      } else {
        const t0 = performance.now();
        let value = h(JSON.parse(payload), contextOf(requestId, deadline));
        if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') value = await value;
        ms = performance.now() - t0;
        out = [null, value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : JSON.stringify(value ?? null)];
      }
    } catch (e) {
      out = errorPayload(e);
    }
    const tail = logs ? logs.join('') : null;
    logs = null;
    if (slots && Atomics.compareExchange(slots, seq % SLOTS, tag(seq, RUNNING), tag(seq, FINISHED)) !== tag(seq, RUNNING)) { halted = true; break; }
    send([seq, out[1], out[0], tail, ms]);
  }
  if (next >= queue.length) { queue = []; next = 0; }
  draining = false;
}

const onMessage = (msg) => {
  if (halted) return;
  for (let i = 0; i < msg.length; i++) queue.push(msg[i]);
  if (!draining) void drain();
};
if (port) port.on('message', onMessage);
else process.on('message', onMessage);
