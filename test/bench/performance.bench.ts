// `npm run bench`: measures the node against its limits, each figure side by side with its reference, in one run,
// through n8n-core's real engine against the project's fake ConnectSafely API on loopback. Prints a table of
// ratios. Timing on a shared machine is noisy: timed figures are medians over several repetitions.
// Not part of `npm test` (jest.bench.config.js; the normal run only picks up *.test.ts).
import axios from 'axios';
import { execFileSync } from 'child_process';
import path from 'path';
import { performance } from 'perf_hooks';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	NodeHelpers,
	Workflow,
	type INode,
	type INodeParameters,
	type INodeType,
	type INodeTypes,
	type IRunExecutionData,
	type IVersionedNodeType,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { makeProfile, startFakeApi, type FakeApi, type FakeApiOptions } from '../../dev/fake-api';
import { loadPackage, PACKAGE_ROOT, runNode, runPoll } from '../helpers/engine';
import { useTimeScale } from '../helpers/fixture';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pinnedN8n = require('../../dev/n8n') as {
	paths(): { dir: string };
	isInstalled(): boolean;
	N8N_VERSION: string;
};

const ITEMS = 1000;
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const LATENCY_MS = 50;
const WINDOW_MS = 2000;

interface Row {
	figure: string;
	measured: string;
	reference: string;
	ratio: string;
}

const rows: Row[] = [];
const notes: string[] = [];

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(0)} ms`;
const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? '1.00' : '∞') : (a / b).toFixed(2));

async function withApi<T>(options: FakeApiOptions, body: (api: FakeApi) => Promise<T>): Promise<T> {
	const api = await startFakeApi(options);
	try {
		return await body(api);
	} finally {
		await api.close();
	}
}

function run(api: FakeApi, parameters: INodeParameters, input: object[]) {
	return runNode({
		parameters,
		input: input as never,
		credentials: { apiKey: api.apiKey, baseUrl: api.url },
	});
}

async function timed<T>(
	body: () => Promise<T>,
): Promise<{ result: T; wallMs: number; cpuMs: number }> {
	const cpu = process.cpuUsage();
	const started = performance.now();
	const result = await body();
	const wallMs = performance.now() - started;
	const used = process.cpuUsage(cpu);
	return { result, wallMs, cpuMs: (used.user + used.system) / 1000 };
}

beforeAll(async () => {
	await loadPackage();
	// n8n-core initialises itself on its first execution in a process: do that before anything is timed.
	await withApi({}, (api) =>
		run(api, { resource: 'connection', operation: 'getStatus', profile: makeProfile(0).slug }, [
			{},
		]),
	);
});

afterAll(() => {
	useTimeScale(1);
	const header: Row = {
		figure: 'figure',
		measured: 'measured',
		reference: 'reference',
		ratio: 'ratio',
	};
	const all = [header, ...rows];
	const width = (key: keyof Row) => Math.max(...all.map((row) => Array.from(row[key]).length));
	const pad = (text: string, n: number) =>
		text + ' '.repeat(Math.max(0, n - Array.from(text).length));
	const line = (row: Row) =>
		`| ${pad(row.figure, width('figure'))} | ${pad(row.measured, width('measured'))} | ${pad(row.reference, width('reference'))} | ${pad(row.ratio, width('ratio'))} |`;
	const rule = `|${['figure', 'measured', 'reference', 'ratio'].map((key) => '-'.repeat(width(key as keyof Row) + 2)).join('|')}|`;
	process.stdout.write(
		[
			'',
			`ConnectSafely node benchmarks — Node ${process.version}, ${new Date().toISOString()}, medians of ${REPEAT} runs where timed (3 for figure 4)`,
			'',
			line(header),
			rule,
			...rows.map(line),
			'',
			...notes.map((note) => `- ${note}`),
			'',
		].join('\n'),
	);
});

test('1. engine overhead: 1,000 Get Status items vs. the same 1,000 requests from a plain HTTP client', async () => {
	useTimeScale(0); // pacing off: an infinitely fast clock, so only the engine is measured
	await withApi({ latencyMs: 0, seed: { strangers: ITEMS } }, async (api) => {
		const slugs = Array.from({ length: ITEMS }, (_, i) => makeProfile(i).slug);
		const input = slugs.map((slug) => ({ slug }));
		const parameters = {
			resource: 'connection',
			operation: 'getStatus',
			profile: '={{ $json.slug }}',
		};
		const client = axios.create({
			baseURL: api.url,
			headers: { Authorization: `Bearer ${api.apiKey}`, Accept: 'application/json' },
		});
		// The engine starts every item's request at once; the plain client does the same.
		const plain = () =>
			Promise.all(
				slugs.map((slug) =>
					client.get(`/relationship/${encodeURIComponent(slug)}`).then((r) => r.data),
				),
			);
		const viaNode = () => run(api, parameters, input);

		await plain();
		await viaNode();
		const node: Array<{ wallMs: number; cpuMs: number }> = [];
		const reference: Array<{ wallMs: number; cpuMs: number }> = [];
		for (let i = 0; i < REPEAT; i++) {
			api.clearRequests();
			const n = await timed(viaNode);
			expect(n.result.error).toBeUndefined();
			expect(n.result.items).toHaveLength(ITEMS);
			expect(api.requests).toHaveLength(ITEMS);
			node.push(n);
			api.clearRequests();
			const p = await timed(plain);
			expect(p.result).toHaveLength(ITEMS);
			expect(api.requests).toHaveLength(ITEMS);
			reference.push(p);
		}
		const nodeWall = median(node.map((x) => x.wallMs));
		const nodeCpu = median(node.map((x) => x.cpuMs));
		const plainWall = median(reference.map((x) => x.wallMs));
		const plainCpu = median(reference.map((x) => x.cpuMs));
		rows.push(
			{
				figure: '1 engine overhead: wall, 1,000 Get Status',
				measured: ms(nodeWall),
				reference: `${ms(plainWall)} plain axios`,
				ratio: ratio(nodeWall, plainWall),
			},
			{
				figure: '1 engine overhead: CPU, 1,000 Get Status',
				measured: ms(nodeCpu),
				reference: `${ms(plainCpu)} plain axios`,
				ratio: ratio(nodeCpu, plainCpu),
			},
			{
				figure: '1 node-attributable time per item',
				measured: `${ms((nodeWall - plainWall) / ITEMS)} wall, ${ms((nodeCpu - plainCpu) / ITEMS)} CPU`,
				reference: `${ms(plainWall / ITEMS)} wall per plain request`,
				ratio: '',
			},
		);
		notes.push(
			`1: pacing off (the tests' clock at scale 0), fake API latency 0 ms, same process; the fake API's own CPU is in both figures. Plain client: axios, all ${ITEMS} requests started at once (as the engine does).`,
		);
	});
	useTimeScale(1);
});

test('2. list economy: Get Many Received, Return All', async () => {
	for (const n of [0, 9, 10, 11, 250]) {
		const walls: number[] = [];
		let requests = 0;
		for (let i = 0; i < REPEAT; i++) {
			// A fresh API (new port) per run: pacing buckets are per key and base URL, so runs do not slow each other.
			await withApi({ latencyMs: LATENCY_MS, seed: { received: n } }, async (api) => {
				const { result, wallMs } = await timed(() =>
					run(api, { resource: 'invitation', operation: 'getReceived', returnAll: true }, [{}]),
				);
				expect(result.error).toBeUndefined();
				expect(result.items).toHaveLength(n);
				requests = api.requests.length;
				walls.push(wallMs);
			});
		}
		const minimum = Math.max(1, Math.ceil(n / 10));
		const wall = median(walls);
		rows.push(
			{
				figure: `2 list of ${n}: requests`,
				measured: String(requests),
				reference: `${minimum} minimum`,
				ratio: ratio(requests, minimum),
			},
			{
				figure: `2 list of ${n}: wall`,
				measured: ms(wall),
				reference: `${ms(requests * LATENCY_MS)} = ${requests} × ${LATENCY_MS} ms`,
				ratio: ratio(wall, requests * LATENCY_MS),
			},
		);
	}
	notes.push(
		`2: fake API latency ${LATENCY_MS} ms per request, pacing on (real time). Minimum requests = max(1, ⌈n/10⌉); a list ending exactly on a page boundary needs one more page to see its end (the API gives no total).`,
	);
});

test('3. trigger economy: requests per poll', async () => {
	for (const k of [0, 1, 10, 25]) {
		await withApi({ seed: { received: 12 } }, async (api) => {
			const parameters = { event: 'invitationReceived', filters: { categories: [] } };
			const credentials = { apiKey: api.apiKey, baseUrl: api.url };
			const first = await runPoll({ parameters, credentials });
			for (let i = 0; i < k; i++) api.addReceived();
			api.clearRequests();
			const poll = await runPoll({ parameters, credentials, staticData: first.staticData });
			expect(poll.items ?? []).toHaveLength(k);
			const minimum = Math.max(1, Math.ceil((k + 1) / 10));
			rows.push({
				figure: `3 poll with ${k} new invitation${k === 1 ? '' : 's'}`,
				measured: `${api.requests.length} request${api.requests.length === 1 ? '' : 's'}`,
				reference: `${minimum} minimum`,
				ratio: ratio(api.requests.length, minimum),
			});
		});
	}
	notes.push(
		'3: minimum = ⌈(k + 1)/10⌉ pages: a poll must see one already-seen invitation to know it has all k new ones.',
	);
});

test('4. pacing efficiency: 60 writes under 15 per (time-scaled) minute', async () => {
	useTimeScale(WINDOW_MS / 60_000);
	const spans: number[] = [];
	const walls: number[] = [];
	let throttled = 0;
	let calls = 0;
	for (let i = 0; i < Math.min(REPEAT, 3); i++) {
		await withApi(
			{ throttle: { windowMs: WINDOW_MS, writes: 15 }, seed: { strangers: 60 } },
			async (api) => {
				const input = Array.from({ length: 60 }, (_, j) => ({ slug: makeProfile(j).slug }));
				const { result, wallMs } = await timed(() =>
					run(
						api,
						{ resource: 'connection', operation: 'sendRequest', profile: '={{ $json.slug }}' },
						input,
					),
				);
				expect(result.error).toBeUndefined();
				const sends = api.requests.filter((r) => r.path === '/connect' && r.status === 200);
				expect(sends).toHaveLength(60);
				spans.push(sends[59].at - sends[0].at);
				walls.push(wallMs);
				throttled += api.requests.filter((r) => r.status === 429).length;
				calls = api.requests.length;
			},
		);
	}
	useTimeScale(1);
	const minimum = Math.floor((60 - 1) / 15) * WINDOW_MS;
	rows.push(
		{
			figure: '4 60 sends: first to last send',
			measured: ms(median(spans)),
			reference: `${ms(minimum)} = ⌊59/15⌋ × ${WINDOW_MS} ms`,
			ratio: ratio(median(spans), minimum),
		},
		{
			figure: '4 60 sends: whole node run',
			measured: ms(median(walls)),
			reference: ms(minimum),
			ratio: ratio(median(walls), minimum),
		},
		{ figure: '4 429s from the API', measured: String(throttled), reference: '0', ratio: '' },
	);
	notes.push(
		`4: Send Request to 60 strangers (${calls} calls each run: one status check and one send per person); a minute scaled to ${WINDOW_MS} ms in the node and the fake API, which enforces 15 writes, 30 reads and 60 calls per key per window with 429s. 429s summed over ${Math.min(REPEAT, 3)} runs.`,
	);
});

test('5. footprint: package and load time', async () => {
	const [pack] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		}),
	) as Array<{
		size: number;
		unpackedSize: number;
		entryCount: number;
		files: Array<{ path: string; size: number }>;
	}>;
	const maps = pack.files.filter((file) => file.path.endsWith('.map'));
	const declarations = pack.files.filter((file) => file.path.endsWith('.d.ts'));
	rows.push(
		{
			figure: '5 packed tarball',
			measured: `${(pack.size / 1024).toFixed(1)} KiB`,
			reference: `${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked`,
			ratio: '',
		},
		{
			figure: '5 files in the tarball',
			measured: String(pack.entryCount),
			reference: `${maps.length} source maps, ${declarations.length} .d.ts`,
			ratio: '',
		},
	);

	// Cold `require` in fresh processes; n8n has n8n-workflow loaded already, so it is timed separately.
	const script = `
		const t0 = process.hrtime.bigint();
		require('n8n-workflow');
		const t1 = process.hrtime.bigint();
		require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/nodes/ConnectSafely/ConnectSafely.node.js'))});
		require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/nodes/ConnectSafelyTrigger/ConnectSafelyTrigger.node.js'))});
		require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist/credentials/ConnectSafelyOutreachApi.credentials.js'))});
		const t2 = process.hrtime.bigint();
		process.stdout.write(JSON.stringify({ workflow: Number(t1 - t0) / 1e6, package: Number(t2 - t1) / 1e6 }));
	`;
	const samples = Array.from(
		{ length: Math.max(REPEAT, 5) },
		() =>
			JSON.parse(
				execFileSync(process.execPath, ['-e', script], { cwd: PACKAGE_ROOT, encoding: 'utf8' }),
			) as { workflow: number; package: number },
	);
	const own = median(samples.map((s) => s.package));
	const workflow = median(samples.map((s) => s.workflow));
	rows.push({
		figure: '5 require both nodes + credential',
		measured: ms(own),
		reference: `${ms(workflow)} require n8n-workflow`,
		ratio: ratio(own, workflow),
	});
	notes.push(
		'5: `npm pack --dry-run`; require times are medians of fresh `node` processes, the package timed after n8n-workflow (which n8n always has loaded).',
	);
});

// ---------------------------------------------------------------------------------------------------------------
// 6. The same GETs through n8n's own HTTP Request node (n8n-nodes-base from the pinned n8n the e2e installs), run by
// the same engine (this project's n8n-core) against the same fake API, pacing off.

function httpRequestNodeType(): INodeType {
	if (!pinnedN8n.isInstalled()) {
		// first time on a machine: the pinned n8n the e2e uses (~7 minutes, once)
		execFileSync(process.execPath, [path.join(PACKAGE_ROOT, 'dev', 'n8n', 'index.js'), 'install'], {
			stdio: 'inherit',
		});
	}
	const file = path.join(
		pinnedN8n.paths().dir,
		'node_modules',
		'n8n-nodes-base',
		'dist',
		'nodes',
		'HttpRequest',
		'HttpRequest.node.js',
	);
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(file) as { HttpRequest: new () => IVersionedNodeType };
	return NodeHelpers.getVersionedNodeType(new HttpRequest(), HTTP_REQUEST_VERSION) as INodeType;
}

const HTTP_REQUEST_VERSION = 4.2;

/** Runs one HTTP Request node over `input` with this project's engine (WorkflowExecute), as runNode() does for ours. */
async function runHttpRequestNode(type: INodeType, parameters: INodeParameters, input: object[]) {
	const node: INode = {
		id: 'http-request-under-test',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position: [0, 0],
		parameters,
	};
	const nodeTypes: INodeTypes = {
		getByName: () => type,
		getByNameAndVersion: () => type,
		getKnownTypes: () => ({}),
	};
	const workflowData = {
		id: 'bench-http',
		name: 'bench',
		nodes: [node],
		connections: {},
		active: false,
		settings: {},
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });
	const hooks = new ExecutionLifecycleHooks('manual', 'exec-http', {
		...workflowData,
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const additionalData = {
		hooks,
		credentialsHelper: {},
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		getRunExecutionData: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1/rest',
		instanceBaseUrl: 'http://127.0.0.1/',
		webhookBaseUrl: '',
		webhookWaitingBaseUrl: '',
		webhookTestBaseUrl: '',
		formWaitingBaseUrl: '',
		variables: {},
		logAiEvent: () => {},
		userId: 'bench-user',
	} as unknown as IWorkflowExecuteAdditionalData;
	const runExecutionData = {
		resultData: { runData: {} },
		executionData: {
			contextData: {},
			metadata: {},
			nodeExecutionStack: [
				{ node, data: { main: [input.map((json) => ({ json }))] }, source: null },
			],
			waitingExecution: {},
			waitingExecutionSource: {},
		},
	} as unknown as IRunExecutionData;
	const run = await new WorkflowExecute(
		additionalData,
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		items: taskData?.data?.main?.[0] ?? [],
		error: taskData?.error ?? run.data.resultData.error,
	};
}

test("6. side by side: 1,000 Get Status items vs. the same 1,000 GETs through n8n's HTTP Request node", async () => {
	useTimeScale(0); // pacing off for both nodes
	const httpType = httpRequestNodeType();
	await withApi({ latencyMs: 0, seed: { strangers: ITEMS } }, async (api) => {
		const input = Array.from({ length: ITEMS }, (_, i) => ({ slug: makeProfile(i).slug }));
		const ours = () =>
			run(
				api,
				{ resource: 'connection', operation: 'getStatus', profile: '={{ $json.slug }}' },
				input,
			);
		// What a user would build by hand: GET {baseUrl}/relationship/{slug} with the Bearer header, JSON response.
		const theirs = () =>
			runHttpRequestNode(
				httpType,
				{
					method: 'GET',
					url: `=${api.url}/relationship/{{ encodeURIComponent($json.slug) }}`,
					authentication: 'none',
					sendHeaders: true,
					specifyHeaders: 'keypair',
					headerParameters: {
						parameters: [{ name: 'Authorization', value: `Bearer ${api.apiKey}` }],
					},
					options: {},
				},
				input,
			);
		await ours();
		await theirs();
		const node: Array<{ wallMs: number; cpuMs: number }> = [];
		const http: Array<{ wallMs: number; cpuMs: number }> = [];
		for (let i = 0; i < REPEAT; i++) {
			api.clearRequests();
			const n = await timed(ours);
			expect(n.result.error).toBeUndefined();
			expect(n.result.items).toHaveLength(ITEMS);
			expect(api.requests.filter((r) => r.status === 200)).toHaveLength(ITEMS);
			node.push(n);
			api.clearRequests();
			const h = await timed(theirs);
			expect(h.result.error).toBeUndefined();
			expect(h.result.items).toHaveLength(ITEMS);
			expect(h.result.items[0].json).toMatchObject({ success: true, status: 'NOT_CONNECTED' });
			expect(api.requests.filter((r) => r.status === 200)).toHaveLength(ITEMS);
			http.push(h);
		}
		const nodeWall = median(node.map((x) => x.wallMs));
		const nodeCpu = median(node.map((x) => x.cpuMs));
		const httpWall = median(http.map((x) => x.wallMs));
		const httpCpu = median(http.map((x) => x.cpuMs));
		const perItem = (value: number) => ms(value / ITEMS);
		rows.push(
			{
				figure: '6 vs HTTP Request: wall per item',
				measured: perItem(nodeWall),
				reference: `${perItem(httpWall)} HTTP Request node`,
				ratio: ratio(nodeWall, httpWall),
			},
			{
				figure: '6 vs HTTP Request: CPU per item',
				measured: perItem(nodeCpu),
				reference: `${perItem(httpCpu)} HTTP Request node`,
				ratio: ratio(nodeCpu, httpCpu),
			},
		);
		notes.push(
			`6: ${ITEMS} Get Status items vs. ${ITEMS} GET /relationship/<slug> through n8n-nodes-base's HTTP Request node v${HTTP_REQUEST_VERSION} (from the pinned n8n ${pinnedN8n.N8N_VERSION}, run by this project's n8n-core), Bearer header as a header parameter; same engine, same fake API (latency 0 ms), pacing off; run alternately, medians of ${REPEAT}. Goal: ratio ≤ 1.2.`,
		);
	});
	useTimeScale(1);
});
