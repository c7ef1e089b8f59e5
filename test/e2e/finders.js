'use strict';
// The finders' examples in real n8n (registered from run.js): each runs with `n8n execute` against the fake API,
// hands the people it found to a write with no field edited, and spends no profile view doing so.
const assert = require('node:assert/strict');

const { finders } = require('../../dev/fake-api');
const wf = require('../../dev/n8n/workflows');

const IDS = {
	commenters: 'csE2eCommenters1',
	visitors: 'csE2eVisitors001',
	warmUp: 'csE2eWarmUp00001',
};

function variants(credential) {
	const variant = (file, id) => {
		const workflow = wf.scheduleToManual(wf.withCredential(wf.loadExample(file), credential));
		workflow.id = id;
		workflow.name = `${workflow.name} (e2e, manual start)`;
		return workflow;
	};
	const warmUp = variant('search-follow-then-invite.json', IDS.warmUp);
	// Three days are a second here: n8n waits that long in the same process.
	Object.assign(wf.nodeByName(warmUp, 'Wait 3 days').parameters, { amount: 1, unit: 'seconds' });
	return [
		variant('invite-post-commenters.json', IDS.commenters),
		variant('follow-up-profile-visitors.json', IDS.visitors),
		warmUp,
	];
}

/** Registers the finders' e2e tests; `h` holds run.js's helpers (test, ctx, execute, outputOf, requestsTo, …). */
module.exports = function registerFinders(h) {
	const { test, ctx, execute, outputOf, requestsTo, record, n8n, CREDENTIAL } = h;
	const views = () => finders.usedToday(ctx.api.state, 'PROFILE_VIEW');

	test('finders: the examples import', async () => {
		const workflows = variants(CREDENTIAL);
		const result = record('import:workflow', await n8n.importWorkflows(ctx.userFolder, workflows));
		assert.match(
			result.stdout + result.stderr,
			new RegExp(`Successfully imported ${workflows.length} workflows`),
		);
	});

	test('finders: invite-post-commenters: every commenter once, invited by URN with a note naming the post, 0 profile views', async () => {
		ctx.api.reset({});
		const before = views();
		const execution = await execute(IDS.commenters);
		const people = outputOf(execution, 'Get Many Commenters');
		assert.ok(people.length >= 10, 'the commenters were read');
		assert.equal(new Set(people.map((p) => p.profileUrn)).size, people.length, 'each person once');
		const sent = requestsTo('POST', '/connect');
		assert.deepEqual(
			sent.map((r) => r.body.profileUrn),
			people.map((p) => p.profileUrn),
		);
		for (const r of sent)
			assert.ok(r.body.customMessage.includes(finders.POST_URL), 'the note names the post');
		assert.equal(views() - before, 0, 'no profile view spent');
	});

	test('finders: follow-up-profile-visitors: 1st-degree visitors get a message, the others a request', async () => {
		ctx.api.reset({});
		const execution = await execute(IDS.visitors);
		const visitors = outputOf(execution, 'Get Many Visitors');
		const first = visitors.filter((v) => v.connectionDegree === '1st');
		assert.ok(first.length > 0 && first.length < visitors.length, 'both kinds of visitors');
		assert.deepEqual(
			requestsTo('POST', '/conversations/send').map((r) => r.body.recipientProfileUrn),
			first.map((v) => v.profileUrn),
		);
		assert.deepEqual(
			requestsTo('POST', '/connect').map((r) => r.body.profileUrn),
			visitors.filter((v) => v.connectionDegree !== '1st').map((v) => v.profileUrn),
		);
	});

	test('finders: search-follow-then-invite: follows each person found, then invites them after the wait', async () => {
		ctx.api.reset({});
		const execution = await execute(IDS.warmUp);
		const found = outputOf(execution, 'Search People');
		assert.ok(found.length >= 3 && found.length <= 10, 'people found, at most Limit');
		assert.deepEqual(
			requestsTo('POST', '/follow').map((r) => r.body),
			found.map((p) => ({ profileUrn: p.profileUrn, action: 'follow' })),
		);
		assert.deepEqual(
			requestsTo('POST', '/connect').map((r) => r.body.profileUrn),
			found.map((p) => p.profileUrn),
		);
		const follows = requestsTo('POST', '/follow').map((r) => r.at);
		const invites = requestsTo('POST', '/connect').map((r) => r.at);
		assert.ok(
			Math.max(...follows) <= Math.min(...invites),
			'every follow before the first request',
		);
	});
};
