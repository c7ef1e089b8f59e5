'use strict';
// E2E, the demo across restarts (registered by run.js after its `npm start` tests): `node dev/demo.js` in one data
// folder, stopped, then started again with another --api-port. The reply-notification example, published and as
// saved, posts to the new simulator, and so does a duplicate saved as is; a URL the user typed stays.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');

const n8n = require('../../dev/n8n');
const wf = require('../../dev/n8n/workflows');
const demoChild = require('../../dev/demo-child');

const START_TIMEOUT = 5 * 60000; // as run.js's DEMO_START_TIMEOUT: a failure guard, not a target
const STOP_TIMEOUT = 20000;
const EXAMPLE = wf.loadExample('reply-notification.json');
const TRIGGER = 'When a message arrives';
const POST = 'Post to chat';

const postUrl = (workflow) => wf.nodeByName(workflow, POST).parameters.url;
const chatWebhook = (apiPort) => `http://127.0.0.1:${apiPort}/chat-webhook`;

module.exports = function registerDemoTests({ waitFor }) {
	async function distinctFreePorts(count) {
		const ports = new Set();
		while (ports.size < count) ports.add(await n8n.freePort());
		return [...ports];
	}

	/** Starts the demo, waits for its ready block and logs in as the owner it prints: { demo, rest }. */
	async function startAndLogIn(options) {
		const demo = demoChild.startDemo(options);
		const block = await demo.ready(START_TIMEOUT);
		const login = /Log in\s+(\S+)\s+\/\s+(\S+)/.exec(block);
		assert.ok(login, `the ready block names the login:\n${block}`);
		const rest = new n8n.RestClient(`http://127.0.0.1:${options.port}`);
		await rest.login(login[1], login[2]);
		return { demo, rest };
	}

	async function stop(demo, ports) {
		const stopped = await demo.interrupt(STOP_TIMEOUT);
		assert.ok(!stopped.timedOut, `the demo did not stop:\n${demo.output().slice(-3000)}`);
		await waitFor(
			'the demo ports to be free',
			async () => (await Promise.all(ports.map(demoChild.portFree))).every(Boolean),
			STOP_TIMEOUT,
		);
	}

	const save = (rest, name, workflow) =>
		rest.post('/workflows', {
			name,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings,
		});

	test(
		'npm start again with another --api-port: the reply notification posts to the new simulator, published too; a URL the user typed stays',
		{ timeout: 2 * START_TIMEOUT + 5 * 60000 },
		async () => {
			const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'connectsafely-e2e-demo-restart-'));
			const [port, apiPort, nextApiPort] = await distinctFreePorts(3);
			let demo;
			try {
				let rest;
				({ demo, rest } = await startAndLogIn({ dir, port, apiPort }));
				const first = await rest.get(`/workflows/${EXAMPLE.id}`);
				assert.equal(postUrl(first), chatWebhook(apiPort), 'first start: the simulator’s port');
				// The user publishes the example, duplicates it, and saves a copy posting elsewhere: the same host and
				// port, another path (only a URL the demo set is ever changed).
				const published = await rest.post(`/workflows/${EXAMPLE.id}/activate`, {
					versionId: first.versionId,
				});
				assert.equal(published.active, true, 'the example is published');
				const duplicate = await save(rest, `${first.name} (duplicate)`, first);
				const ownUrl = `${chatWebhook(apiPort)}/team`;
				const edited = wf.clone(first);
				wf.nodeByName(edited, POST).parameters.url = ownUrl;
				const own = await save(rest, `${first.name} (my URL)`, edited);
				// And one published, then changed without publishing again: both versions follow, each as it was.
				const later = await save(rest, `${first.name} (published, changed since)`, first);
				await rest.post(`/workflows/${later.id}/activate`, { versionId: later.versionId });
				const changed = wf.clone(later);
				wf.nodeByName(changed, POST).parameters.options = { timeout: 20000 };
				const draft = await rest.patch(`/workflows/${later.id}`, {
					nodes: changed.nodes,
					versionId: later.versionId,
				});
				assert.notEqual(
					draft.versionId,
					draft.activeVersionId,
					'a draft beside the published version',
				);
				await stop(demo, [port, apiPort]);

				const restarted = Date.now();
				({ demo, rest } = await startAndLogIn({ dir, port, apiPort: nextApiPort }));
				process.stderr.write(
					`[e2e] demo restarted with another --api-port: ready in ${Math.round((Date.now() - restarted) / 1000)} s\n`,
				);
				const example = await rest.get(`/workflows/${EXAMPLE.id}`);
				assert.equal(
					postUrl(example),
					chatWebhook(nextApiPort),
					'the example follows the simulator',
				);
				assert.equal(example.active, true, 'and is still published');
				assert.equal(example.activeVersionId, example.versionId, 'with the version as saved');
				assert.equal(
					postUrl(example.activeVersion),
					chatWebhook(nextApiPort),
					'the published version posts to the new simulator too',
				);
				assert.equal(
					postUrl(await rest.get(`/workflows/${duplicate.id}`)),
					chatWebhook(nextApiPort),
					'the duplicate saved as is follows too',
				);
				assert.equal(
					postUrl(await rest.get(`/workflows/${own.id}`)),
					ownUrl,
					'the URL the user typed stays',
				);

				const kept = await rest.get(`/workflows/${later.id}`);
				assert.equal(postUrl(kept), chatWebhook(nextApiPort), 'a draft follows the simulator');
				assert.deepEqual(
					wf.nodeByName(kept, POST).parameters.options,
					{ timeout: 20000 },
					'with the user’s change',
				);
				assert.equal(kept.active, true, 'still published');
				assert.notEqual(
					kept.activeVersionId,
					kept.versionId,
					'with another version than the draft',
				);
				assert.equal(postUrl(kept.activeVersion), chatWebhook(nextApiPort), 'which follows too');
				assert.deepEqual(
					wf.nodeByName(kept.activeVersion, POST).parameters.options,
					{},
					'without the unpublished change',
				);

				// "Execute workflow" in the editor: the trigger fetches the newest message, Post to chat posts it.
				const started = await rest.post(`/workflows/${EXAMPLE.id}/run`, {
					triggerToStartFrom: { name: TRIGGER },
				});
				assert.ok(started && started.executionId, `no execution: ${JSON.stringify(started)}`);
				const done = await waitFor(
					`execution ${started.executionId} to end`,
					async () => {
						const execution = await rest.get(`/executions/${started.executionId}`);
						return !['new', 'running', 'waiting'].includes(execution.status) && execution;
					},
					180000,
				);
				const runData = n8n.parseFlatted(done.data).resultData.runData;
				assert.equal(
					done.status,
					'success',
					`the run failed: ${JSON.stringify(runData[POST]?.[0]?.error ?? runData)}`,
				);
				assert.deepEqual(
					runData[POST][0].data.main[0].map((item) => item.json),
					[{ ok: true }],
					'the simulator’s chat webhook answered the post',
				);
				await waitFor(
					'the new simulator to log the chat post',
					() => demo.output().includes('[simulator] POST /chat-webhook → 200'),
					30000,
				).catch((error) => assert.fail(`${error.message}:\n${demo.output().slice(-3000)}`));
				// A published trigger may poll at start too: every run of the example, once ended, succeeded (one posting to
				// the old port would fail).
				const filter = encodeURIComponent(JSON.stringify({ workflowId: EXAMPLE.id }));
				const runs = await waitFor(
					'every run of the example to end',
					async () => {
						const { results } = await rest.get(`/executions?filter=${filter}`);
						return (
							results.every((e) => !['new', 'running', 'waiting'].includes(e.status)) && results
						);
					},
					180000,
				);
				assert.deepEqual(
					runs
						.filter((e) => e.status !== 'success')
						.map((e) => `${e.mode} run ${e.id}: ${e.status}`),
					[],
					'no run of the example failed',
				);
			} finally {
				if (demo) await demo.kill();
				fs.rmSync(dir, { recursive: true, force: true });
			}
		},
	);
};
