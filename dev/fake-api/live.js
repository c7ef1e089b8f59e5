// The demo's "live account" (api.setLive(true); off in tests): before a list is read, what the examples use up is
// topped up, as new invitations and connections keep arriving on a real account. So every example runs in any order
// and as often as it is clicked. One entry per list: `path` (string or RegExp, without /linkedin) and
// `topUp(api, accountId, request)`, which adds what is missing with the api's own add…() methods.
// A new list (an endpoint a new example reads) gets its entry here; LIVE_LISTS.push(...) from elsewhere works too.
'use strict';

const DAY_MS = 24 * 3600_000;
/** How many of each kind a live account keeps waiting. */
const KEEP = 2;

const connectedAt = (connection) =>
	Date.parse(connection.connectedDate.replace(/^Connected on /, ''));

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
];

/** Runs the top-up of the list `request` reads (GET only), for its account (the default when none is named). */
function topUp(api, request, defaultAccountId) {
	if (request.method !== 'GET') return;
	const accountId = request.query.accountId || defaultAccountId;
	if (!api.state.data[accountId]) return;
	for (const list of LIVE_LISTS) {
		const hit =
			typeof list.path === 'string' ? list.path === request.path : list.path.test(request.path);
		if (hit) list.topUp(api, accountId, request);
	}
}

module.exports = { LIVE_LISTS, topUp };
