// The Lambda runtime of one execution environment: a worker thread or a
// child process that serves invocations of ONE handler module, one at a time,
// as a Lambda execution environment does. Plain JavaScript so that a worker
// starts without a TypeScript loader; a `.ts` handler registers tsx first.
// Protocol: {type:'invoke', ...} in, {type:'result', ...} out.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const port = isMainThread ? null : parentPort;
const send = (msg) => (port ? port.postMessage(msg) : process.send(msg));
const file = port ? workerData.file : process.argv[2];

/** console output of the running invocation, for LogType: Tail (Lambda keeps the last 4 KB) */
let logs = null;
for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
  const original = console[level].bind(console);
  console[level] = (...args) => {
    if (logs) logs.push(`${new Date().toISOString()}\t${level.toUpperCase()}\t${format(...args)}\n`);
    original(...args);
  };
}

let modulePromise;
async function loadHandler() {
  if (!modulePromise) {
    modulePromise = (async () => {
      if (/\.[cm]?ts$/.test(file)) (await import('tsx/esm/api')).register();
      return import(pathToFileURL(file).href);
    })();
  }
  const m = await modulePromise;
  return m.handler ?? m.default?.handler;
}

function errorPayload(e) {
  const err = e ?? {};
  const errorType = typeof err === 'object' && typeof err.name === 'string' ? err.name : typeof err === 'string' ? 'string' : 'Error';
  // a handler may dictate its whole error payload (shared/conformance/README.md, "Lambda")
  if (typeof err === 'object' && err.lambdaErrorPayload !== undefined) return { errorType, payload: JSON.stringify(err.lambdaErrorPayload) };
  const errorMessage = typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
  return { errorType, payload: JSON.stringify({ errorMessage, errorType }) };
}

async function invoke(msg) {
  logs = msg.captureLogs ? [] : null;
  const { deadline, ...ctx } = msg.context;
  const context = { ...ctx, callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()) };
  let reply;
  try {
    const handler = await loadHandler();
    if (typeof handler !== 'function') {
      const name = ctx.functionName;
      reply = { kind: 'functionError', errorType: 'Runtime.HandlerNotFound',
        payload: JSON.stringify({ errorType: 'Runtime.HandlerNotFound', errorMessage: `${name}.handler is undefined or not exported` }) };
    } else {
      const value = await handler(JSON.parse(msg.payload), context);
      const payload = value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : JSON.stringify(value ?? null);
      reply = { kind: 'payload', payload };
    }
  } catch (e) {
    reply = { kind: 'functionError', ...errorPayload(e) };
  }
  const out = { type: 'result', id: msg.id, ...reply, logs: logs ? logs.join('') : undefined };
  logs = null;
  send(out);
}

const onMessage = (msg) => { if (msg && msg.type === 'invoke') void invoke(msg); };
if (port) port.on('message', onMessage);
else process.on('message', onMessage);
send({ type: 'ready' });
