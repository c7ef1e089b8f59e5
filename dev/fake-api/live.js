// The demo's "live account" (api.setLive(true); off in tests): before a list is read, what the examples use up is
// topped up, as new invitations and connections keep arriving on a real account. So every example runs in any order
// and as often as it is clicked. One entry per list: `path` (string or RegExp, without /linkedin), `method` (GET
// unless named) and `topUp(api, accountId, request)`, which adds what is missing with the api's own add…() methods.
// A new list (an endpoint a new example reads) gets its entry here; LIVE_LISTS.push(...) from elsewhere works too.
'use strict';

const data = require('./data');
const fd = require('./finders-data');

const DAY_MS = 24 * 3600_000;
/** How many of each kind a live account keeps waiting. */
const KEEP = 2;

const connectedAt = (connection) =>
	Date.parse(connection.connectedDate.replace(/^Connected on /, ''));
const daysAgo = (connection) => Math.floor((Date.now() - connectedAt(connection)) / DAY_MS);

/** People who arrive on the live account (commenters, visitors, search results): never seen before. */
const LIVE_PEOPLE_BASE = 90000;
function newPerson(api, overrides = {}) {
	const live = (api.state.live ||= { people: 0, comments: 0 });
	const person = { ...data.makeProfile(LIVE_PEOPLE_BASE + live.people++), ...overrides };
	api.addProfile(person);
	return person;
}

/** Not connected, not invited either way, not followed: someone an outreach example may still act on. */
function isStranger(api, accountId, slug) {
	const profile = slug && api.findProfile(slug);
	const followed = ((api.state.finders.follows || {})[accountId] || {})[profile && profile.slug];
	return (
		Boolean(profile) &&
		!followed &&
		!['connected', 'invitationSent', 'invitationReceived'].some(
			(flag) => api.relationship(profile.slug, accountId)[flag],
		)
	);
}

const bodyOf = (request) => {
	try {
		return JSON.parse(request.rawBody || '{}') || {};
	} catch {
		return {};
	}
};

const hasReply = (thread) => thread.messages.some((m) => !m.isSentByOwner);
const threadOf = (api, accountId, slug) =>
	api.conversations(accountId).find((t) => t.person.slug === slug);

/** Adds a connection of `days` ago in its place in the newest-first list. */
function addConnectionDaysAgo(api, accountId, days) {
	const list = api.state.data[accountId].connections;
	const added = api.addConnection(
		{ connectedDate: data.formatConnectedDate(Date.now() - days * DAY_MS) },
		accountId,
	);
	list.splice(list.indexOf(added), 1);
	const at = list.findIndex((c) => connectedAt(c) < connectedAt(added));
	list.splice(at < 0 ? list.length : at, 0, added);
	return added;
}

const REPLIES = [
	'Thanks for reaching out! Happy to chat next week.',
	'Sounds good, Thursday works for me.',
	'Great to connect. What are you working on these days?',
];

const LIVE_LISTS = [
	{
		// Accept/auto-accept examples and the invitation trigger: pending connection invitations.
		path: '/invitations/received',
		topUp(api, accountId) {
			const pending = api.state.data[accountId].received.filter(
				(i) => i.invitationCategory === 'CONNECTION',
			);
			for (let n = pending.length; n < KEEP; n++)
				api.addReceived({ invitationCategory: 'CONNECTION' }, accountId);
		},
	},
	{
		// Withdraw example: invitations sent more than 21 days ago, still pending.
		path: '/invitations/sent',
		topUp(api, accountId) {
			const stale = api.state.data[accountId].sent.filter((i) => /month|year/.test(i.sentAt));
			for (let n = stale.length; n < KEEP; n++) api.addSent({ sentAt: '2 months ago' }, accountId);
		},
	},
	{
		// Messaging examples and the connection trigger: connections of the last days not messaged yet.
		path: '/connections',
		topUp(api, accountId) {
			const messaged = new Set(
				api.state.messages.filter((m) => m.accountId === accountId).map((m) => m.recipient),
			);
			const fresh = api.state.data[accountId].connections.filter(
				(c) => Date.now() - connectedAt(c) < 5 * DAY_MS && !messaged.has(c.vanityName),
			);
			for (let n = fresh.length; n < KEEP; n++) api.addConnection({}, accountId);
		},
	},
	{
		// Follow-up-unless-replied: connections of 3 to 10 days ago, one who replied and one not followed up today.
		path: '/connections',
		topUp(api, accountId) {
			const inWindow = api.state.data[accountId].connections.filter((c) => {
				const days = daysAgo(c);
				return days >= 4 && days <= 9;
			});
			const threads = inWindow.map((c) => [c, threadOf(api, accountId, c.vanityName)]);
			if (!threads.some(([, t]) => t && hasReply(t))) {
				const replied = addConnectionDaysAgo(api, accountId, 6);
				api.addConversation(
					replied.vanityName,
					[{ text: 'Thanks for connecting!', fromOwner: true }, { text: REPLIES[0] }],
					accountId,
				);
			}
			const due = threads.filter(
				([, t]) => !t || (!hasReply(t) && t.messages.every((m) => Date.now() - m.sentAt > DAY_MS)),
			);
			if (due.length === 0) addConnectionDaysAgo(api, accountId, 6);
		},
	},
	{
		// Reply-notification's New Message trigger ("Fetch Test Event" and its polls): a new reply now and then.
		path: '/conversations',
		topUp(api, accountId) {
			const last = Math.max(
				0,
				...api
					.conversations(accountId)
					.flatMap((t) => t.messages.filter((m) => !m.isSentByOwner).map((m) => m.sentAt)),
			);
			if (Date.now() - last < 60_000) return;
			const live = (api.state.live ||= { people: 0, comments: 0 });
			const [newest] = api.state.data[accountId].connections;
			const who = newest ? newest.vanityName : newPerson(api).slug;
			api.replyArrives(who, REPLIES[live.comments++ % REPLIES.length], accountId);
		},
	},
	{
		// Invite-post-commenters: the newest comments on the sample post are by people not yet invited.
		path: '/posts/comments',
		method: 'POST',
		topUp(api, accountId, request) {
			if (String(bodyOf(request).postUrl || '').split('?')[0] !== fd.POST_URL) return;
			const comments = api.state.finders.comments;
			const fresh = comments
				.slice(0, KEEP)
				.filter((c) => isStranger(api, accountId, c.publicIdentifier));
			for (let n = fresh.length; n < KEEP; n++) {
				const p = newPerson(api);
				const live = (api.state.live ||= { people: 0, comments: 0 });
				comments.unshift({
					commentId: `7400000000009${String(100000 + live.comments++)}`,
					authorName: `${p.firstName} ${p.lastName}`,
					commentText: 'Great post, this matches what we see too.',
					authorDesignation: p.headline,
					commenterProfileId: p.memberId,
					publicIdentifier: p.slug,
					profileUrl: p.profileUrl,
					createdAt: Date.now(),
					likeCount: 0,
					replyCount: 0,
					hasProfile: true,
					commenterUrn: p.memberUrn,
				});
			}
		},
	},
	{
		// Follow-up-profile-visitors: people who viewed the profile minutes ago, not yet invited.
		path: '/profile/visitors',
		method: 'POST',
		topUp(api, accountId) {
			const recent = (api.state.finders.recentVisitors ||= []);
			const fresh = recent.filter((v) => isStranger(api, accountId, v.publicIdentifier));
			for (let n = fresh.length; n < KEEP; n++) {
				const p = newPerson(api);
				recent.unshift({
					entityUrn: p.memberUrn,
					publicIdentifier: p.slug,
					name: `${p.firstName} ${p.lastName}`,
					headline: p.headline,
					profilePicture: null,
					at: Date.now(),
					connectionDegree: '2nd',
					profileUrl: p.profileUrl,
				});
			}
		},
	},
	{
		// Search-follow-then-invite: the first results of a search are people not yet followed or invited.
		path: '/search/people',
		method: 'POST',
		topUp(api, accountId, request) {
			const body = bodyOf(request);
			if (body.url !== undefined || (body.start || 0) > 0) return;
			const keywords = String(body.keywords || '').trim();
			const words = keywords.toLowerCase().split(/\s+/).filter(Boolean);
			const people = api.state.finders.people;
			const first = people
				.filter((p) =>
					words.every((w) =>
						`${p.firstName} ${p.lastName} ${p.headline}`.toLowerCase().includes(w),
					),
				)
				.slice(0, KEEP);
			const fresh = first.filter((p) => isStranger(api, accountId, p.slug));
			for (let n = fresh.length; n < KEEP; n++) {
				const headline = keywords ? `${keywords} at Contoso` : undefined;
				const p = newPerson(api, headline ? { headline } : {});
				people.unshift(p);
			}
		},
	},
];

/** Runs the top-up of the list `request` reads, for its account (the default when none is named). */
function topUp(api, request, defaultAccountId) {
	const accountId = request.query.accountId || bodyOf(request).accountId || defaultAccountId;
	if (!api.state.data[accountId]) return;
	for (const list of LIVE_LISTS) {
		if (request.method !== (list.method || 'GET')) continue;
		const hit =
			typeof list.path === 'string' ? list.path === request.path : list.path.test(request.path);
		if (hit) list.topUp(api, accountId, request);
	}
}

module.exports = { LIVE_LISTS, topUp };
