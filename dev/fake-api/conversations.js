'use strict';
// The fake's inbox: POST /conversations/send (150 new conversations a day, replies unlimited), GET /conversations
// (cursor paging), GET /conversations/{urn}/messages, GET /conversations/exists/{profileId} and
// POST /messaging/send-group. Threads hold their messages; index.js registers the routes and the helpers below.

const data = require('./data');
const { checkObject, checkQueryInt, checkString, custom } = require('./validation');

const DEFAULT_CONVERSATION_QUOTA = 150;
const INBOX_PAGE = 20;
const THREAD_PAGE = 50;
const MAX_PAGE = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const CHANNELS = ['auto', 'sales_navigator', 'linkedin_inbox'];

/** The inbox of one account, created (with three threads of its oldest connections) on first use. */
function inboxOf(h, ctx, accountId) {
	const all = (ctx.state.inbox ||= {});
	if (all[accountId]) return all[accountId];
	const account = ctx.state.accounts.find((a) => a.id === accountId);
	const inbox = {
		owner: data.memberIdFor(account.publicId),
		ownerName: `${account.firstName} ${account.lastName}`,
		threads: [],
		used: 0,
		dayStart: undefined,
		lastAt: 0,
		seq: 0,
		repeatCursor: false,
	};
	all[accountId] = inbox;
	const connections = ctx.state.data[accountId].connections;
	const start = ctx.now().getTime() - 3 * DAY_MS;
	connections.slice(-3).forEach((connection, i) => {
		const person = h.findProfile(ctx.state, connection.vanityName);
		const thread = openThread(inbox, person);
		const at = start + i * DAY_MS;
		append(inbox, thread, { text: 'Thanks for connecting!', fromOwner: true, at });
		if (i !== 1)
			append(inbox, thread, { text: 'Likewise, great to be in touch.', at: at + 60_000 });
		thread.unreadCount = i === 2 ? 1 : 0;
	});
	return inbox;
}

function openThread(inbox, person) {
	const conversationId = `2-${person.memberId.slice(4)}`;
	const thread = {
		conversationUrn: `urn:li:msg_conversation:(urn:li:fsd_profile:${inbox.owner},${conversationId})`,
		conversationId,
		person,
		messages: [],
		unreadCount: 0,
	};
	inbox.threads.push(thread);
	return thread;
}

/** Adds a message (times strictly increase per account, so "since" and the order are exact). */
function append(inbox, thread, { text, fromOwner = false, at }) {
	const sentAt = Math.max(at, inbox.lastAt + 1);
	inbox.lastAt = sentAt;
	const id = `${sentAt.toString(36)}${(inbox.seq++).toString(36)}`;
	const message = {
		messageUrn: `urn:li:msg_message:(urn:li:fsd_profile:${inbox.owner},2-${id})`,
		text,
		sentAt,
		senderProfileId: fromOwner ? inbox.owner : thread.person.memberId,
		senderName: fromOwner
			? inbox.ownerName
			: `${thread.person.firstName} ${thread.person.lastName}`,
		isSentByOwner: fromOwner,
		hasAttachment: false,
	};
	thread.messages.push(message);
	if (!fromOwner) thread.unreadCount += 1;
	return message;
}

const lastAt = (thread) => thread.messages[thread.messages.length - 1].sentAt;

function threadWith(inbox, person) {
	return inbox.threads.find((t) => t.person.memberId === person.memberId);
}

function participant(h, ctx, accountId, person) {
	const connected = h.relationshipOf(ctx.state, accountId, person).connected;
	return {
		profileId: person.memberId,
		name: `${person.firstName} ${person.lastName}`,
		headline: person.headline,
		profileUrl: person.profileUrl,
		distance: connected ? 'DISTANCE_1' : 'DISTANCE_2',
	};
}

/** New conversations started today by the account (the counter restarts at 00:00 UTC). */
function usedToday(ctx, inbox) {
	const today = Math.floor(ctx.now().getTime() / DAY_MS) * DAY_MS;
	if (inbox.dayStart !== today) {
		inbox.used = 0;
		inbox.dayStart = today;
	}
	return inbox.used;
}

function quotaHeaders(h, ctx, inbox) {
	if (typeof inbox === 'string') return quotaHeaders(h, ctx, inboxOf(h, ctx, inbox));
	const limit = ctx.conversationQuota;
	const used = usedToday(ctx, inbox);
	return {
		'X-RateLimit-Action': 'NEW_CONVERSATION',
		'X-RateLimit-Limit': String(limit),
		'X-RateLimit-Used': String(used),
		'X-RateLimit-Remaining': String(Math.max(0, limit - used)),
		'X-RateLimit-Reset': h.isoSeconds(inbox.dayStart + DAY_MS),
	};
}

function encodeCursor(offset) {
	return Buffer.from(`o:${offset}`).toString('base64url');
}

function decodeCursor(h, cursor) {
	if (cursor === undefined) return 0;
	const match = /^o:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
	if (!match) throw h.fail(400, 'Invalid cursor');
	return Number(match[1]);
}

function pageQuery(h, ctx, query, cursorName, fallback) {
	const count = checkQueryInt(query, 'count', { min: 1, max: MAX_PAGE, fallback });
	const since = checkQueryInt(query, 'since', { min: 0, fallback: undefined });
	const cursor = checkString(query, cursorName, { min: 1 });
	const account = h.accountFrom(ctx, query, [...count.issues, ...since.issues, ...cursor]);
	return { account, count: count.value, since: since.value, cursor: query[cursorName] };
}

/** One page of `list` from the cursor; the repeat fault answers the cursor it was asked with. */
function page(h, inbox, list, count, cursor) {
	const offset = decodeCursor(h, cursor);
	const slice = list.slice(offset, offset + count);
	const hasMore = offset + count < list.length;
	const next = hasMore ? encodeCursor(offset + count) : null;
	return { slice, hasMore, next: inbox.repeatCursor && cursor !== undefined ? cursor : next };
}

function listConversations(h, ctx, { query }) {
	const { account, count, cursor } = pageQuery(h, ctx, query, 'nextCursor', INBOX_PAGE);
	const inbox = inboxOf(h, ctx, account.id);
	const sorted = [...inbox.threads].sort((a, b) => lastAt(b) - lastAt(a));
	const { slice, hasMore, next } = page(h, inbox, sorted, count, cursor);
	const conversations = slice.map((thread) => {
		const latest = thread.messages[thread.messages.length - 1];
		return {
			conversationUrn: thread.conversationUrn,
			conversationId: thread.conversationId,
			lastActivityAt: new Date(latest.sentAt).toISOString(),
			unreadCount: thread.unreadCount,
			participants: [participant(h, ctx, account.id, thread.person)],
			latestMessage: {
				text: latest.text,
				sentAt: latest.sentAt,
				senderName: latest.senderName,
				hasAttachment: latest.hasAttachment,
			},
		};
	});
	return h.ok({ success: true, conversations, nextCursor: next, hasMore });
}

function threadOrNotFound(h, inbox, urn) {
	const thread = inbox.threads.find((t) => t.conversationUrn === urn);
	if (!thread) throw h.fail(404, `Conversation not found: ${urn}`);
	return thread;
}

function listMessages(h, ctx, { query, params }) {
	const { account, count, since, cursor } = pageQuery(h, ctx, query, 'cursor', THREAD_PAGE);
	const inbox = inboxOf(h, ctx, account.id);
	const thread = threadOrNotFound(h, inbox, params.conversationUrn);
	const newest = thread.messages.filter((m) => since === undefined || m.sentAt > since).reverse();
	const { slice, hasMore, next } = page(h, inbox, newest, count, cursor);
	return h.ok({
		success: true,
		messages: slice.map((m) => ({ ...m })),
		participants: [participant(h, ctx, account.id, thread.person)],
		hasMore,
		cursor: next,
	});
}

function conversationExists(h, ctx, { query, params }) {
	const account = h.accountFrom(ctx, query);
	const person = h.profileOrNotFound(ctx, params.profileId);
	const thread = threadWith(inboxOf(h, ctx, account.id), person);
	return h.ok({
		success: true,
		hasConversation: thread !== undefined,
		conversationUrn: thread ? thread.conversationUrn : null,
		profileUrn: person.memberUrn,
		accountId: account.id,
	});
}

const SEND_SCHEMA = {
	message: { required: true, min: 1 },
	recipientProfileUrn: { min: 1 },
	recipientProfileId: { min: 1 },
	conversationUrn: { min: 1 },
	subject: { min: 1 },
	messagingChannel: { oneOf: CHANNELS },
	accountId: { accountId: true },
};

function sendIssues(body) {
	const given = ['recipientProfileUrn', 'recipientProfileId', 'conversationUrn'].filter(
		(key) => body[key] !== undefined,
	);
	if (given.length === 0)
		return [
			custom(
				['recipientProfileUrn'],
				'One of recipientProfileUrn, recipientProfileId or conversationUrn is required',
			),
		];
	return [];
}

/** A new conversation counts against the day's quota (a 429 before anything reaches LinkedIn); a reply never. */
function startConversation(h, ctx, inbox, account, person, body) {
	const used = usedToday(ctx, inbox);
	if (used >= ctx.conversationQuota) {
		h.markLimitReached(ctx, account.id, 'NEW_CONVERSATION');
		const reset = h.isoSeconds(inbox.dayStart + DAY_MS);
		throw new h.HttpError(
			429,
			{
				success: false,
				error: `Rate limit exceeded for NEW_CONVERSATION: ${used}/${ctx.conversationQuota} used. Resets at ${reset}`,
			},
			quotaHeaders(h, ctx, inbox),
		);
	}
	const connected = h.relationshipOf(ctx.state, account.id, person).connected;
	if (!connected && body.messagingChannel !== 'sales_navigator') {
		throw h.fail(
			400,
			`Cannot send a message: ${person.firstName} ${person.lastName} is not a 1st-degree connection. Use an InMail to message people outside your network.`,
		);
	}
	inbox.used = used + 1;
	return openThread(inbox, person);
}

function sendConversationMessage(h, ctx, { body: rawBody }) {
	const body = h.requireBodyObject(rawBody);
	h.assertNoIssues([...checkObject(body, SEND_SCHEMA), ...sendIssues(body)]);
	const account = h.findAccount(ctx, body.accountId);
	const inbox = inboxOf(h, ctx, account.id);
	if (body.messagingChannel === 'sales_navigator' && account.linkedinPlan !== 'SALES_NAVIGATOR')
		throw h.fail(400, 'messagingChannel sales_navigator needs a Sales Navigator seat');
	let thread;
	let person;
	if (body.conversationUrn !== undefined) {
		thread = threadOrNotFound(h, inbox, body.conversationUrn);
		person = thread.person;
	} else {
		person = h.profileOrNotFound(ctx, body.recipientProfileUrn ?? body.recipientProfileId);
		thread = threadWith(inbox, person);
	}
	const isNew = thread === undefined;
	if (isNew) thread = startConversation(h, ctx, inbox, account, person, body);
	const sent = append(inbox, thread, {
		text: body.message,
		fromOwner: true,
		at: ctx.now().getTime(),
	});
	thread.unreadCount = 0;
	return {
		status: 200,
		headers: quotaHeaders(h, ctx, inbox),
		body: {
			success: true,
			message: 'Message sent successfully',
			recipientProfileUrn: person.memberUrn,
			sentMessage: {
				messageUrn: sent.messageUrn,
				text: sent.text,
				sentAt: sent.sentAt,
				senderProfileId: sent.senderProfileId,
				isSentByOwner: true,
			},
			// The contract says "threadId?": only a new conversation names it here.
			...(isNew ? { threadId: thread.conversationId } : {}),
		},
	};
}

const GROUP_SCHEMA = {
	recipientProfileUrn: { required: true, min: 1 },
	groupId: { required: true, min: 1 },
	message: { required: true, min: 1 },
	accountId: { accountId: true },
};

/** A message to a fellow group member (no connection needed); counted as a MESSAGE like POST /message. */
function sendGroupMessage(h, ctx, { body: rawBody }) {
	const body = h.requireBodyObject(rawBody);
	const issues = checkObject(body, GROUP_SCHEMA);
	if (typeof body.groupId === 'string' && !/^\d+$/.test(body.groupId))
		issues.push(custom(['groupId'], 'groupId must be the numeric LinkedIn group id'));
	h.assertNoIssues(issues);
	const account = h.findAccount(ctx, body.accountId);
	const person = h.profileOrNotFound(ctx, body.recipientProfileUrn);
	h.countMessage(ctx, account.id);
	ctx.state.messages.push({
		accountId: account.id,
		recipient: person.slug,
		messageType: 'group',
		message: body.message,
		groupId: body.groupId,
		at: ctx.now().getTime(),
	});
	return h.ok({
		success: true,
		message: 'Message sent successfully',
		recipientProfileUrn: person.memberUrn,
		accountId: account.id,
	});
}

/** The routes, for index.js's table (`h`: its helpers). */
function routes(h) {
	const bind = (handler) => (ctx, request) => handler(h, ctx, request);
	return [
		{
			method: 'POST',
			path: '/conversations/send',
			action: 'NEW_CONVERSATION',
			handler: bind(sendConversationMessage),
		},
		{ method: 'GET', path: '/conversations', action: 'READ', handler: bind(listConversations) },
		{
			method: 'GET',
			path: '/conversations/exists/:profileId',
			action: 'READ',
			handler: bind(conversationExists),
		},
		{
			method: 'GET',
			path: '/conversations/:conversationUrn/messages',
			action: 'READ',
			handler: bind(listMessages),
		},
		{
			method: 'POST',
			path: '/messaging/send-group',
			action: 'MESSAGE',
			handler: bind(sendGroupMessage),
		},
	];
}

/** The test helpers on the fake's public object. */
function helpers(h, ctx) {
	const inbox = (accountId) => inboxOf(h, ctx, accountId || ctx.state.defaultAccountId);
	const person = (id) => {
		const found = h.findProfile(ctx.state, id);
		if (!found) throw new Error(`No profile ${id} in the fake's directory`);
		return found;
	};
	return {
		conversations: (accountId) => inbox(accountId).threads,
		addConversation(profileId, messages = [], accountId) {
			const box = inbox(accountId);
			const thread = threadWith(box, person(profileId)) || openThread(box, person(profileId));
			for (const m of messages) append(box, thread, { at: ctx.now().getTime(), ...m });
			return thread;
		},
		replyArrives(profileId, text, accountId) {
			const box = inbox(accountId);
			const who = person(profileId);
			const thread = threadWith(box, who) || openThread(box, who);
			return append(box, thread, { text, at: ctx.now().getTime() });
		},
		setConversationUsed(n, accountId) {
			const box = inbox(accountId);
			usedToday(ctx, box);
			box.used = n;
		},
		repeatInboxCursor(accountId) {
			inbox(accountId).repeatCursor = true;
		},
	};
}

module.exports = {
	routes,
	helpers,
	quotaHeaders,
	DEFAULT_CONVERSATION_QUOTA,
	INBOX_PAGE,
	THREAD_PAGE,
};
