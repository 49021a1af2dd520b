// The `switchyard` command.
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startServer } from '../server/server.js';

const HELP = `switchyard: runs Amazon States Language state machines behind the AWS Step Functions API

Usage:
  switchyard serve [options]    the Step Functions API, and runs executions
  switchyard worker [options]   runs executions only, sharing a PostgreSQL store with other processes

Options:
  --port PORT              port to listen on (default 8083)
  --host HOST              address to bind (default 127.0.0.1)
  --functions DIR          folder of local Lambda handlers: DIR/<name>.mjs|.js|.ts exporting
                           handler(event, context) (default ./functions when it exists)
  --wait-time-scale F      multiply every Wait, retry interval and timeout by F (e.g. 0.01), as
                           Step Functions Local's WAIT_TIME_SCALE (default 1)
  --store SPEC             where executions are kept: memory, sqlite:PATH or
                           postgres://USER@HOST:PORT/DB (default sqlite:./.switchyard/switchyard.db;
                           also the SWITCHYARD_STORE environment variable)
  --config FILE            task integrations (JSON): lambda mode/endpoint/concurrency/isolation,
                           resource mapping (CDK/SAM ARNs and \${Token}s -> local functions), AWS
                           service endpoints, LLM provider for bedrock:invokeModel (openai, bedrock,
                           local), HTTP Task connections; "\${env:NAME}" values read the environment
  --mock-config FILE       Step Functions Local MockConfigFile; start an execution on
                           STATE_MACHINE_ARN#TestCase to use a test case (also SFN_MOCK_CONFIG)
  --lambda-endpoint URL    invoke Lambda functions on this Lambda-compatible endpoint (or AWS)
                           instead of local handlers
  --lambda-concurrency N   local handler execution environments alive at once (default 32)
  --lease-ms MS            with a shared (postgres) store: how long a process holds an execution
                           before another may take it over (default 10000)
  --retention-days D       delete finished executions D days after they stop (default 90, as AWS)
  --credentials ID:SECRET  require requests signed (SigV4) with this access key; comma-separated for
                           several (also SWITCHYARD_CREDENTIALS; default: requests are not checked)
  --region REGION          region in ARNs (default us-east-1)
  --account ID             12-digit account id in ARNs (default 123456789012)
  -h, --help               show this help

Point the AWS SDK or CLI at it: aws stepfunctions --endpoint-url http://127.0.0.1:8083 list-state-machines
`;

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      port: { type: 'string' }, host: { type: 'string' }, functions: { type: 'string' },
      'wait-time-scale': { type: 'string' }, store: { type: 'string' }, region: { type: 'string' }, account: { type: 'string' },
      config: { type: 'string' }, 'mock-config': { type: 'string' }, 'lambda-endpoint': { type: 'string' },
      'lambda-concurrency': { type: 'string' }, 'lease-ms': { type: 'string' }, 'retention-days': { type: 'string' },
      credentials: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') { process.stdout.write(HELP); return; }
  if (command !== 'serve' && command !== 'worker') throw new Error(`unknown command '${command}' (see --help)`);
  const retentionDays = values['retention-days'] !== undefined ? Number(values['retention-days']) : undefined;
  if (retentionDays !== undefined && !(retentionDays > 0)) throw new Error(`--retention-days must be a positive number, got '${values['retention-days']}'`);
  const leaseMs = values['lease-ms'] !== undefined ? Number(values['lease-ms']) : undefined;
  if (leaseMs !== undefined && !(Number.isInteger(leaseMs) && leaseMs >= 100)) throw new Error(`--lease-ms must be an integer >= 100, got '${values['lease-ms']}'`);
  const port = values.port !== undefined ? Number(values.port) : 8083;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got '${values.port}'`);
  const scale = values['wait-time-scale'] !== undefined ? Number(values['wait-time-scale']) : 1;
  if (!(scale >= 0)) throw new Error(`--wait-time-scale must be a non-negative number, got '${values['wait-time-scale']}'`);
  if (values.account !== undefined && !/^\d{12}$/.test(values.account)) throw new Error('--account must be 12 digits');
  const functionsDir = values.functions ?? (existsSync('functions') ? 'functions' : undefined);
  const store = values.store ?? process.env.SWITCHYARD_STORE;
  if (command === 'worker' && !/^postgres(ql)?:\/\//.test(store ?? '')) {
    throw new Error('switchyard worker shares the work of a PostgreSQL store: give --store postgres://USER@HOST:PORT/DB');
  }
  const lambdaConcurrency = values['lambda-concurrency'] !== undefined ? Number(values['lambda-concurrency']) : undefined;
  if (lambdaConcurrency !== undefined && !(Number.isInteger(lambdaConcurrency) && lambdaConcurrency > 0)) {
    throw new Error(`--lambda-concurrency must be a positive integer, got '${values['lambda-concurrency']}'`);
  }
  const credentialSpec = values.credentials ?? process.env.SWITCHYARD_CREDENTIALS;
  const credentials = credentialSpec ? Object.fromEntries(credentialSpec.split(',').map((pair) => {
    const i = pair.indexOf(':');
    if (i <= 0 || i === pair.length - 1) throw new Error(`--credentials takes ACCESS_KEY_ID:SECRET_ACCESS_KEY pairs, got '${pair}'`);
    return [pair.slice(0, i), pair.slice(i + 1)];
  })) : undefined;
  const server = await startServer({
    port, host: values.host, functionsDir, waitTimeScale: scale, region: values.region, account: values.account, store,
    configFile: values.config, mockConfigFile: values['mock-config'] ?? process.env.SFN_MOCK_CONFIG,
    lambdaEndpoint: values['lambda-endpoint'], lambdaConcurrency, leaseMs, listen: command === 'serve', credentials,
    retentionMs: retentionDays !== undefined ? retentionDays * 24 * 3600 * 1000 : undefined,
  });
  if (command === 'worker') console.log(`switchyard: worker ${server.engine.workerId} running executions`);
  else console.log(`switchyard: serving the Step Functions API on ${server.url}${functionsDir ? ` (functions: ${functionsDir})` : ''}`);
  const shutdown = (): void => { void server.close().then(() => process.exit(0)); };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main(process.argv.slice(2)).catch((e: Error) => {
  console.error(`switchyard: ${e.message}`);
  process.exit(1);
});
