// End-to-end: n8n's own AI Agent (@n8n/n8n-nodes-langchain, shipped with n8n) calls the ConnectSafely tools, its
// OpenAI Chat Model pointed at a scripted OpenAI-compatible model on 127.0.0.1 (dev/fake-model). Registered by
// run.js (which installs n8n and the package and imports the ConnectSafely credential); only these tests:
//   node --test-name-pattern="AI Agent" test/e2e/run.js
// Two agent versions, as workflows keep the version they were built with: 3.1, the newest (Tools Agent V3: every
// tool call is a node execution of its own, through engine requests) and 2.2 (Tools Agent V2: the agent calls its
// tools in-process, n8n-core's makeHandleToolInvocation, one execute per call with the agent's execution data).
'use strict';

const assert = require('node:assert/strict');

const n8n = require('../../dev/n8n');
const { startFakeModel } = require('../../dev/fake-model');

const OPENAI_CREDENTIAL = {
	id: 'csE2eOpenAiCred1',
	name: 'Scripted model (e2e)',
	type: 'openAiApi',
};
const AGENT_VERSIONS = [
	{ typeVersion: 3.1, way: 'its tool calls run as node executions of their own' },
	{ typeVersion: 2.2, way: 'it calls its tools in-process' },
];

const fromAI = (key, description, type = 'string') =>
	`={{ $fromAI('${key}', '${description}', '${type}') }}`;

/** Manual Trigger → AI Agent (typeVersion), with the scripted chat model and three ConnectSafely tools. */
function agentWorkflow(id, typeVersion, credential) {
	const tool = (name, position, parameters) => ({
		id: `${id}-${name}`,
		name,
		type: 'n8n-nodes-connectsafely.connectSafelyTool',
		typeVersion: 1,
		position,
		parameters,
		credentials: { [credential.type]: { id: credential.id, name: credential.name } },
	});
	const nodes = [
		{
			id: `${id}-trigger`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-agent`,
			name: 'AI Agent',
			type: '@n8n/n8n-nodes-langchain.agent',
			typeVersion,
			position: [220, 0],
			parameters: {
				promptType: 'define',
				text: 'Read two connections, invite Samuel and write to Alex.',
				options: {},
			},
		},
		{
			id: `${id}-model`,
			name: 'Scripted Model',
			type: '@n8n/n8n-nodes-langchain.lmChatOpenAi',
			typeVersion: 1.2,
			position: [100, 200],
			parameters: { model: { __rl: true, mode: 'id', value: 'fake-model' }, options: {} },
			credentials: { openAiApi: { id: OPENAI_CREDENTIAL.id, name: OPENAI_CREDENTIAL.name } },
		},
		tool('Get_Connections', [200, 200], {
			resource: 'connection',
			operation: 'getMany',
			limit: fromAI('limit', 'How many connections to read', 'number'),
		}),
		tool('Send_Request', [300, 200], {
			resource: 'connection',
			operation: 'sendRequest',
			profile: fromAI('profile', 'LinkedIn profile URL or vanity name of the person'),
			message: fromAI('note', 'A short personal note'),
		}),
		tool('Send_Message', [400, 200], {
			resource: 'message',
			operation: 'send',
			profile: fromAI('recipient', 'LinkedIn profile URL or vanity name of a connection'),
			text: fromAI('text', 'The message'),
		}),
	];
	const toAgent = (type) => ({ [type]: [[{ node: 'AI Agent', type, index: 0 }]] });
	return {
		id,
		name: `AI Agent ${typeVersion} with ConnectSafely tools (e2e)`,
		nodes,
		connections: {
			Start: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'Scripted Model': toAgent('ai_languageModel'),
			Get_Connections: toAgent('ai_tool'),
			Send_Request: toAgent('ai_tool'),
			Send_Message: toAgent('ai_tool'),
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** What the model receives back for each tool call: the tool messages, in order, parsed where they are JSON. */
function toolResults(model) {
	const last = model.requests.at(-1).body.messages;
	return last
		.filter((m) => m.role === 'tool')
		.map((m) => {
			try {
				return JSON.parse(m.content);
			} catch {
				return m.content;
			}
		});
}

/**
 * @param {{ test: Function, ctx: object, execute: (id: string) => Promise<object>, record: Function,
 *   CREDENTIAL: { id: string, name: string, type: string } }} suite
 */
function registerAgentTests({ test, ctx, execute, record, CREDENTIAL }) {
	for (const { typeVersion, way } of AGENT_VERSIONS) {
		test(`AI Agent ${typeVersion} (${way}): a read, a Send Request, two messages to one person both sent, the same call again not`, async () => {
			ctx.api.reset({});
			const state = ctx.api.state;
			const friend = state.connections[0];
			const stranger = Object.values(state.profiles).find(
				(p) => !p.connected && !p.invitationSent && !p.invitationReceived,
			);
			const calls = [
				{ name: 'Get_Connections', arguments: { limit: 2 } },
				{ name: 'Send_Request', arguments: { profile: stranger.slug, note: 'Loved your talk' } },
				{ name: 'Send_Message', arguments: { recipient: friend.vanityName, text: 'Hi!' } },
				{
					name: 'Send_Message',
					arguments: { recipient: friend.vanityName, text: 'And the slides are attached.' },
				},
				{ name: 'Send_Message', arguments: { recipient: friend.vanityName, text: 'Hi!' } },
			];
			// Where the fake API's request log stood when the model was asked for each turn: the requests of call i
			// are those between turn i and turn i + 1 (the script makes one call per turn).
			const marks = [];
			const model = await startFakeModel({
				turns: [...calls.map((call) => ({ toolCalls: [call] })), { text: 'All done.' }],
				onRequest: (_body, turn) => (marks[turn] = ctx.api.requests.length),
			});
			try {
				record(
					'import:credentials',
					await n8n.importCredential(ctx.userFolder, {
						...OPENAI_CREDENTIAL,
						data: { apiKey: 'sk-e2e-scripted', url: model.url },
					}),
				);
				const id = `csE2eAgentV${String(typeVersion).replace('.', '')}`.padEnd(16, '0');
				const imported = record(
					'import:workflow',
					await n8n.importWorkflows(ctx.userFolder, [agentWorkflow(id, typeVersion, CREDENTIAL)]),
				);
				assert.match(imported.stdout + imported.stderr, /Successfully imported 1 workflow/);
				const execution = await execute(id);
				const runData = execution.data.resultData.runData;
				assert.equal(model.requests.length, calls.length + 1, 'the model was asked once per turn');
				const answer = runData['AI Agent'][0].data.main[0][0].json;
				assert.equal(answer.output, 'All done.');

				const requests = ctx.api.requests.map((r) => `${r.method} ${r.path}`);
				const perCall = calls.map((call, i) => ({
					call: call.name,
					requests: requests.slice(marks[i], marks[i + 1]),
				}));
				process.stderr.write(
					`[e2e] AI Agent ${typeVersion}: ${requests.length} requests for ${calls.length} tool calls: ${JSON.stringify(perCall)}\n`,
				);
				const messages = ctx.api.requests
					.filter((r) => r.method === 'POST' && r.path === '/conversations/send')
					.map((r) => [r.body.recipientProfileId, r.body.message]);
				assert.deepEqual(messages, [
					[friend.vanityName, 'Hi!'],
					[friend.vanityName, 'And the slides are attached.'],
				]);
				const invitations = ctx.api.requests.filter((r) => r.path === '/connect');
				assert.deepEqual(
					invitations.map((r) => r.body),
					[{ profileId: stranger.slug, customMessage: 'Loved your talk' }],
				);
				assert.equal(requests.filter((r) => r === 'GET /connections').length, 1);
				// One agent run: the default account is looked up, and its quotas read, once for all the tools' calls.
				assert.equal(requests.filter((r) => r === 'GET /account/status').length, 1);
				assert.equal(requests.filter((r) => /^GET \/account\/[^/]+\/quota$/.test(r)).length, 1);

				const results = toolResults(model);
				assert.deepEqual(
					results[0].map((c) => c.vanityName),
					state.connections.slice(0, 2).map((c) => c.vanityName),
				);
				assert.deepEqual(
					results.slice(1).map((r) => [r[0].status, r[0].reason]),
					[
						['sent', undefined],
						['sent', undefined],
						['sent', undefined],
						['skipped', 'duplicate'],
					],
				);
				ctx.agentRequestsPerCall ??= {};
				ctx.agentRequestsPerCall[typeVersion] = perCall;
			} finally {
				await model.close();
			}
		});
	}
}

module.exports = { registerAgentTests, agentWorkflow };
