#!/usr/bin/env node
'use strict';
// Starts the fake ConnectSafely API for a local demo:
//   node dev/fake-api/cli.js --port 5679 --api-key demo-key [--host 127.0.0.1] [--latency 200]
//        [--received 12] [--sent 6] [--connections 15] [--quota 90]
// Ctrl-C stops it.

const { startFakeApi, DEFAULT_API_KEY } = require('./index');

const USAGE = `Usage: node dev/fake-api/cli.js [--port 5679] [--host 127.0.0.1] [--api-key ${DEFAULT_API_KEY}]
       [--latency ms] [--received n] [--sent n] [--connections n] [--quota n] [--quiet]`;

const NUMERIC = ['port', 'latency', 'received', 'sent', 'connections', 'quota'];

function parseArgs(argv) {
	const args = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') return { help: true };
		if (arg === '--quiet') {
			args.quiet = true;
			continue;
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`Unknown argument: ${arg}`);
		const name = match[1];
		const value = match[2] !== undefined ? match[2] : argv[++i];
		if (value === undefined) throw new Error(`Missing value for --${name}`);
		if (NUMERIC.includes(name)) {
			if (!/^\d+$/.test(value)) throw new Error(`--${name} needs a whole number, got ${value}`);
			args[name] = Number(value);
		} else if (name === 'api-key' || name === 'host') {
			args[name] = value;
		} else {
			throw new Error(`Unknown option: --${name}`);
		}
	}
	return args;
}

function optionsFrom(args) {
	const seed = {};
	for (const key of ['received', 'sent', 'connections'])
		if (args[key] !== undefined) seed[key] = args[key];
	return {
		port: args.port === undefined ? 5679 : args.port,
		host: args.host,
		apiKey: args['api-key'],
		latencyMs: args.latency,
		connectQuota: args.quota,
		seed,
	};
}

function printSummary(api) {
	const { state } = api;
	const first = state.received[0];
	const stranger = Object.values(state.profiles).find(
		(p) => !p.connected && !p.invitationSent && !p.invitationReceived,
	);
	const lines = [
		`Fake ConnectSafely API listening on ${api.url}`,
		`API key:          ${api.apiKey}`,
		`Accounts:         ${state.accounts.map((a) => `${a.id} (${a.firstName} ${a.lastName}${a.isDefault ? ', default' : ''})`).join(', ')}`,
		`Seeded (default): ${state.received.length} received, ${state.sent.length} sent, ${state.connections.length} connections, ${Object.keys(state.profiles).length} profiles`,
	];
	if (first) {
		lines.push(
			`First received:   ${first.invitationId} ${first.invitationCategory} from ${first.profile.firstName} ${first.profile.lastName} (token ${first.validationToken})`,
		);
	}
	if (stranger) lines.push(`Connect target:   ${stranger.slug} (${stranger.memberId})`);
	lines.push(
		'',
		'Try:',
		`  curl -s -H 'Authorization: Bearer ${api.apiKey}' ${api.url}/account/status`,
		`  curl -s -H 'Authorization: Bearer ${api.apiKey}' '${api.url}/invitations/received?startIndex=0'`,
		'',
		'Ctrl-C stops the server.',
	);
	console.log(lines.join('\n'));
}

function logRequests(api) {
	let shown = 0;
	return setInterval(() => {
		for (; shown < api.requests.length; shown++) {
			const r = api.requests[shown];
			if (r.status === 0) break;
			console.log(`${new Date(r.at).toISOString()} ${r.method} ${r.path} → ${r.status}`);
		}
	}, 250);
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${error.message}\n${USAGE}`);
		process.exit(2);
	}
	if (args.help) {
		console.log(USAGE);
		return;
	}
	const api = await startFakeApi(optionsFrom(args));
	printSummary(api);
	const timer = args.quiet ? null : logRequests(api);
	const stop = async () => {
		if (timer) clearInterval(timer);
		await api.close();
		console.log('\nFake ConnectSafely API stopped.');
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
