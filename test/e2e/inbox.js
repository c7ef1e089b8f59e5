'use strict';
// E2E, the inbox: the two inbox examples run in the real n8n that run.js started (registered at its end, after
// `n8n start`). follow-up-unless-replied runs from its schedule (a cron a few seconds ahead) and messages only the
// connections of 3 to 10 days ago who have not replied; reply-notification's New Message trigger starts the workflow
// once for a reply and posts it to a chat webhook (a loopback recorder).
const { test } = require('node:test');
const assert = require('node:assert/strict');

const wf = require('../../dev/n8n/workflows');
const { startRecorder } = require('../../dev/fake-api');

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** LinkedIn's "Connected on Feb 15, 2024" for `days` ago. */
function connectedDaysAgo(days) {
	const d = new Date(Date.now() - days * DAY_MS);
	return `Connected on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/** A cron (seconds first) that fires a few seconds from now, once a minute. */
function soon(secondsAhead) {
	return `${(new Date().getUTCSeconds() + secondsAhead) % 60} * * * * *`;
}

module.exports = function registerInboxTests(e2e) {
	const { ctx, CREDENTIAL, waitFor, executionsOf, executionData, requestsTo, needServer } = e2e;

	async function activateWorkflow(workflow) {
		const created = await ctx.rest.post('/workflows', {
			name: `${workflow.name} (e2e)`,
			nodes: workflow.nodes,
			connections: workflow.connections,
			settings: workflow.settings,
		});
		const activated = await ctx.rest.post(`/workflows/${created.id}/activate`, {
			versionId: created.versionId,
		});
		assert.equal(activated.active, true, `${workflow.name} activated`);
		return created.id;
	}

	async function finishedExecution(workflowId, what) {
		const [execution] = await waitFor(
			what,
			async () => {
				const list = await executionsOf(workflowId);
				return list.length > 0 && list.every((e) => !['running', 'new'].includes(e.status)) && list;
			},
			120000,
		);
		assert.equal(execution.status, 'success', `${what}: execution status`);
		return (await executionData(execution.id)).resultData.runData;
	}

	const itemsOf = (runData, node) => runData[node][0].data.main[0].map((item) => item.json);

	test('follow-up-unless-replied: from its schedule, messages the connections of 3 to 10 days ago who have not replied', async () => {
		needServer();
		ctx.api.reset({});
		// Added oldest first: the list is newest first, as LinkedIn's is.
		const [old, due, replied, fresh] = [14, 8, 5, 1].map((days) =>
			ctx.api.addConnection({ connectedDate: connectedDaysAgo(days) }),
		);
		ctx.api.addConversation(replied.vanityName, [
			{ text: 'Thanks for connecting!', fromOwner: true },
			{ text: 'Let’s talk Thursday' },
		]);
		ctx.api.clearRequests();
		const example = wf.withCredential(wf.loadExample('follow-up-unless-replied.json'), CREDENTIAL);
		const schedule = example.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		schedule.parameters.rule = { interval: [{ field: 'cronExpression', expression: soon(8) }] };
		const id = await activateWorkflow(example);
		try {
			const runData = await finishedExecution(id, 'the scheduled follow-up');
			const listed = itemsOf(runData, 'Connected 3 to 10 days ago').map((c) => c.vanityName);
			assert.ok(listed.includes(replied.vanityName) && listed.includes(due.vanityName));
			assert.ok(!listed.includes(fresh.vanityName) && !listed.includes(old.vanityName));
			const outcome = Object.fromEntries(
				itemsOf(runData, 'Follow up').map((i) => [i.profileId, `${i.status}:${i.reason ?? ''}`]),
			);
			assert.equal(outcome[replied.vanityName], 'skipped:replied');
			assert.equal(outcome[due.vanityName], 'sent:');
			// Only this example's follow-ups: the New Connection trigger example, active since an earlier test, may poll
			// meanwhile and welcome the connections added here.
			const sends = requestsTo('POST', '/conversations/send')
				.filter((r) => /following up on my note/.test(String(r.body.message)))
				.map((r) => r.body.recipientProfileId);
			assert.ok(sends.includes(due.vanityName), 'the follow-up went out');
			assert.ok(!sends.includes(replied.vanityName), 'nothing to the person who replied');
			assert.deepEqual(requestsTo('POST', '/message'), [], 'nothing to the deprecated endpoint');
		} finally {
			await ctx.rest.post(`/workflows/${id}/deactivate`, {});
		}
	});

	test('reply-notification: the New Message trigger starts the workflow once for a reply and posts it to the chat webhook', async () => {
		needServer();
		ctx.api.reset({});
		const chat = await startRecorder();
		try {
			const example = wf.withPollCron(
				wf.withCredential(wf.loadExample('reply-notification.json'), CREDENTIAL),
				soon(6),
			);
			wf.nodeByName(example, 'Post to chat').parameters.url = `${chat.url}/webhook`;
			ctx.api.clearRequests();
			const id = await activateWorkflow(example);
			try {
				await waitFor(
					'the activation poll',
					() => requestsTo('GET', '/conversations').length > 0,
					60000,
				);
				assert.deepEqual(await executionsOf(id), [], 'the first poll starts nothing');
				const person = ctx.api.conversations()[0].person;
				const reply = ctx.api.replyArrives(person.slug, 'Sounds good, see you then');
				const runData = await finishedExecution(id, 'the reply notification');
				const emitted = itemsOf(runData, 'When a message arrives');
				assert.deepEqual(
					emitted.map((m) => m.messageUrn),
					[reply.messageUrn],
				);
				await waitFor('the chat post', () => chat.requests.length > 0, 30000);
				const posted = JSON.parse(chat.requests[0].body);
				assert.match(
					posted.text,
					new RegExp(`^LinkedIn reply from ${person.firstName} ${person.lastName}`),
				);
				assert.match(posted.text, /Sounds good, see you then/);
				assert.equal(chat.requests.length, 1, 'one post for one reply');
			} finally {
				await ctx.rest.post(`/workflows/${id}/deactivate`, {});
			}
		} finally {
			await chat.close();
		}
	});
};
