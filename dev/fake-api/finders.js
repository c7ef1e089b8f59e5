'use strict';
// The fake's finders and follow, as strict as the contract's H and M fields: POST /profile, /search/people,
// /search/geo, /posts/comments, /posts/reactions, /groups/members[-by-url], /profile/visitors, /follow. Documented
// body keys only are read; any other key is silently ignored, as the real API does. Daily quotas per account with
// X-RateLimit-* headers: PROFILE_VIEW 120 unique profiles, SEARCH_PEOPLE 1,000 (per ~10 rows walked), GROUP_MEMBERS
// 1,000 members, FOLLOW 100.

const fd = require('./finders-data');
const { invalidType, invalidEnum, custom, checkObject } = require('./validation');

const DAY_MS = 24 * 60 * 60 * 1000;
const CACHE_MS = 6 * 60 * 60 * 1000;
const MAX_COUNT = 100;
const SEARCH_MAX_RESULTS = 1000;
const TIME_RANGES = { past_7_days: 7, past_30_days: 30, past_90_days: 90, past_1_year: 365 };
const ROLES = ['OWNER', 'MANAGER', 'MEMBER'];
const PREMIUM_TEXT = 'LinkedIn Premium may be required to see all visitors';

/** Daily limits of the finders' actions (overridable with options.finderQuotas). */
const DAILY_QUOTAS = { PROFILE_VIEW: 120, SEARCH_PEOPLE: 1000, GROUP_MEMBERS: 1000, FOLLOW: 100 };

/** Fills the finders' part of the state (called by fillState, again on reset). */
function fill(state, seed, registerProfile) {
	const finders = { ...fd.DEFAULT_FINDERS, ...(seed.finders || {}) };
	state.finders = {
		options: finders,
		people: fd.makePeople(finders.people),
		comments: fd.makeComments(finders.comments),
		reactions: fd.makeReactions(finders.reactions),
		members: fd.makeMembers(finders.members),
		visitorCount: finders.visitors,
		premium: finders.premium !== false,
		used: {},
		viewed: {},
		follows: {},
		tokens: {},
	};
	for (const p of fd.findersPeople(finders)) registerProfile(state, p);
}

function dayStart(ms) {
	return Math.floor(ms / DAY_MS) * DAY_MS;
}

/** The day's counter of an action on an account (restarts at 00:00 UTC). */
function usage(ctx, accountId, action) {
	const perAccount = (ctx.state.finders.used[accountId] ||= {});
	const today = dayStart(ctx.now().getTime());
	if (!perAccount[action] || perAccount[action].day !== today)
		perAccount[action] = { day: today, used: 0 };
	return perAccount[action];
}

function limitOf(ctx, action) {
	return (ctx.finderQuotas && ctx.finderQuotas[action]) ?? DAILY_QUOTAS[action];
}

/** The X-RateLimit-* window of a finder action, or undefined for other actions. */
function quotaWindow(ctx, action, accountId) {
	if (!(action in DAILY_QUOTAS)) return undefined;
	const { used } = usage(ctx, accountId, action);
	return { limit: limitOf(ctx, action), used, reset: dayStart(ctx.now().getTime()) + DAY_MS };
}

function spend(h, ctx, accountId, action, units) {
	const counter = usage(ctx, accountId, action);
	const limit = limitOf(ctx, action);
	if (counter.used >= limit) {
		h.markLimitReached(ctx, accountId, action);
		const reset = h.isoSeconds(dayStart(ctx.now().getTime()) + DAY_MS);
		throw h.fail(
			429,
			`Rate limit exceeded for ${action}: ${counter.used}/${limit} used. Resets at ${reset}`,
		);
	}
	counter.used = Math.min(limit, counter.used + units);
}

/** A profile view: unique per day, a cached one (6 h) free unless forceRefresh. */
function viewProfile(h, ctx, accountId, slug, force) {
	const views = (ctx.state.finders.viewed[accountId] ||= {});
	const now = ctx.now().getTime();
	const last = views[slug];
	if (!force && last !== undefined && now - last < CACHE_MS) return true;
	spend(h, ctx, accountId, 'PROFILE_VIEW', 1);
	views[slug] = now;
	return false;
}

function intIssue(body, key, { min, max }) {
	const value = body[key];
	if (value === undefined) return [];
	if (typeof value !== 'number' || !Number.isInteger(value))
		return [invalidType([key], 'number', value)];
	if (value < min)
		return [
			{
				code: 'too_small',
				minimum: min,
				type: 'number',
				inclusive: true,
				exact: false,
				message: `Number must be greater than or equal to ${min}`,
				path: [key],
			},
		];
	if (max !== undefined && value > max)
		return [
			{
				code: 'too_big',
				maximum: max,
				type: 'number',
				inclusive: true,
				exact: false,
				message: `Number must be less than or equal to ${max}`,
				path: [key],
			},
		];
	return [];
}

function boolIssues(body, keys) {
	return keys
		.filter((k) => body[k] !== undefined && typeof body[k] !== 'boolean')
		.map((k) => invalidType([k], 'boolean', body[k]));
}

/** The body checked and its account: `ints` { key: { min, max } }, `strings` a checkObject schema. */
function checked(h, ctx, rawBody, { ints = {}, strings = {}, bools = [], more = () => [] }) {
	const body = h.requireBodyObject(rawBody);
	h.assertNoIssues([
		...checkObject(body, { ...strings, accountId: { accountId: true } }),
		...Object.entries(ints).flatMap(([key, range]) => intIssue(body, key, range)),
		...boolIssues(body, bools),
		...more(body),
	]);
	return { body, account: h.findAccount(ctx, body.accountId) };
}

function degreeOf(h, ctx, accountId, profile) {
	const rel = h.relationshipOf(ctx.state, accountId, profile);
	return rel.connected ? '1st' : '2nd';
}

// ---------------------------------------------------------------------------------------------------------------
// Handlers

function getProfile(h, ctx, { body: raw }) {
	const { body, account } = checked(h, ctx, raw, {
		strings: { profileId: { required: true, min: 1 } },
		bools: [
			'includeGeoLocation',
			'includeContact',
			'includeExperience',
			'includeEducation',
			'includeSkills',
			'forceRefresh',
		],
	});
	if (/[/:]/.test(body.profileId))
		throw h.zodFail([
			custom(
				['profileId'],
				'profileId must be a public profile id (the vanity name), not a URL or URN',
			),
		]);
	const profile = h.findProfile(ctx.state, body.profileId);
	if (!profile || body.profileId.startsWith('ACoA'))
		return h.ok({
			success: true,
			profileId: body.profileId,
			accountId: account.id,
			profile: {},
			cached: false,
		});
	const cached = viewProfile(h, ctx, account.id, profile.slug, body.forceRefresh === true);
	const rel = h.relationshipOf(ctx.state, account.id, profile);
	const geo = fd.geoOf(profile);
	const answer = {
		success: true,
		profileId: body.profileId,
		accountId: account.id,
		profile: {
			firstName: profile.firstName,
			lastName: profile.lastName,
			headline: profile.headline,
			location: { countryCode: geo.countryCode, postalCode: null, geoLocationName: geo.name },
			entityUrn: profile.memberUrn,
			publicIdentifier: profile.slug,
			profilePicture: null,
			isPremium: false,
			isVerified: false,
			connectionCount: 500,
			followerCount: 812,
			isConnected: rel.connected,
			connectionDegree: rel.connected ? 'DISTANCE_1' : 'DISTANCE_2',
			invitationSent: rel.invitationSent,
			invitationReceived: rel.invitationReceived,
			...(body.includeGeoLocation ? { geoLocation: { geoId: geo.geoId, name: geo.name } } : {}),
		},
		cached,
		expiresAt: h.isoSeconds(ctx.now().getTime() + CACHE_MS),
	};
	if (body.includeExperience)
		answer.experience = [{ title: profile.headline, companyName: 'Northwind Analytics' }];
	if (body.includeEducation) answer.education = [{ schoolName: 'Uppsala University' }];
	if (body.includeSkills) answer.skills = [{ name: 'Negotiation' }];
	if (body.includeContact) answer.contactInfo = { emailAddress: null, websites: [] };
	return h.ok(answer);
}

function geoIdOf(filters) {
	if (typeof filters !== 'object' || filters === null) return undefined;
	const raw = filters.locationId !== undefined ? filters.locationId : filters.geoUrn;
	if (raw === undefined) return undefined;
	const match = /^(?:urn:li:fsd_geo:)?(\d+)$/.exec(String(raw));
	return match ? match[1] : '0';
}

function searchPeople(h, ctx, { body: raw }) {
	const { body, account } = checked(h, ctx, raw, {
		strings: { keywords: {}, url: {} },
		ints: { start: { min: 0 }, count: { min: 1, max: MAX_COUNT } },
		more: (b) =>
			b.filters !== undefined &&
			(typeof b.filters !== 'object' || b.filters === null || Array.isArray(b.filters))
				? [invalidType(['filters'], 'object', b.filters)]
				: [],
	});
	if (body.url !== undefined && !body.url.includes('/sales/search/'))
		throw h.fail(400, 'url must be a Sales Navigator search URL (containing /sales/search/)');
	const start = body.start || 0;
	const count = body.count || 25;
	const words = String(body.url !== undefined ? '' : body.keywords || '')
		.toLowerCase()
		.split(/\s+/)
		.filter(Boolean);
	const geoId = body.url !== undefined ? undefined : geoIdOf(body.filters);
	const matches = ctx.state.finders.people
		.filter((p) => {
			const text = `${p.firstName} ${p.lastName} ${p.headline}`.toLowerCase();
			return (
				words.every((w) => text.includes(w)) && (geoId === undefined || fd.geoOf(p).geoId === geoId)
			);
		})
		.slice(0, SEARCH_MAX_RESULTS);
	const page = matches.slice(start, start + count);
	spend(h, ctx, account.id, 'SEARCH_PEOPLE', Math.max(1, Math.ceil(page.length / 10)));
	const people = page.map((p) => ({
		profileId: p.slug,
		profileUrn: p.memberUrn,
		firstName: p.firstName,
		lastName: p.lastName,
		headline: p.headline,
		profilePicture: null,
		location: p.location,
		connectionDegree: degreeOf(h, ctx, account.id, p),
		currentPosition: p.headline,
		profileUrl: p.profileUrl,
		isPremium: false,
		isOpenToWork: false,
	}));
	// `total` may be missing: the contract lists it as optional.
	const pagination = {
		start,
		count: people.length,
		...(start % 2 === 0 ? { total: matches.length } : {}),
	};
	return h.ok({
		success: true,
		people,
		pagination,
		hasMore: start + people.length < matches.length,
	});
}

function searchGeo(h, ctx, { body: raw }) {
	const { body } = checked(h, ctx, raw, {
		strings: { keywords: { required: true, min: 1 } },
		more: (b) =>
			b.countryCodes !== undefined && !Array.isArray(b.countryCodes)
				? [invalidType(['countryCodes'], 'array', b.countryCodes)]
				: [],
	});
	const q = body.keywords.toLowerCase();
	const codes = body.countryCodes
		? body.countryCodes.map((c) => String(c).toLowerCase())
		: undefined;
	const locations = fd.GEOS.filter(
		(g) => g.name.toLowerCase().includes(q) && (!codes || codes.includes(g.countryCode)),
	);
	return h.ok({ success: true, locations, count: locations.length });
}

function postOf(h, ctx, body) {
	if (!/^https:\/\/(www\.)?linkedin\.com\/(posts|feed\/update)\//.test(body.postUrl))
		throw h.fail(400, 'Invalid LinkedIn post URL');
	if (body.postUrl.split('?')[0] !== fd.POST_URL) throw h.fail(404, 'Post not found');
	return {
		postUrl: body.postUrl,
		postDetails: { author: 'Northwind Analytics', text: 'Growth in 2027' },
	};
}

/** An opaque token for the page at `start` of a list, remembered so that only issued tokens are taken. */
function tokenFor(ctx, list, start) {
	const token = `${list}-${Buffer.from(`${list}:${start}`).toString('base64url')}`;
	ctx.state.finders.tokens[token] = { list, start };
	return token;
}

function startOfToken(h, ctx, list, token) {
	const known = ctx.state.finders.tokens[token];
	if (!known || known.list !== list) throw h.fail(400, 'Invalid or expired paginationToken');
	return known.start;
}

function postComments(h, ctx, { body: raw }) {
	const { body } = checked(h, ctx, raw, {
		strings: { postUrl: { required: true, min: 1 }, paginationToken: { min: 1 } },
		ints: { commentCount: { min: 1, max: MAX_COUNT }, start: { min: 0 } },
	});
	const post = postOf(h, ctx, body);
	const all = ctx.state.finders.comments;
	const paged = body.commentCount !== undefined;
	let start = body.start || 0;
	if (body.paginationToken !== undefined) {
		const tokenStart = startOfToken(h, ctx, 'comments', body.paginationToken);
		if (tokenStart !== start) throw h.fail(400, 'start does not match paginationToken');
		start = tokenStart;
	}
	const count = paged ? body.commentCount : 10;
	const comments = all.slice(start, start + count);
	const nextStart = start + comments.length;
	const hasNextPage = paged && nextStart < all.length;
	return h.ok({
		success: true,
		...post,
		comments,
		pagination: {
			start,
			count: comments.length,
			total: all.length,
			hasNextPage,
			nextPaginationToken: hasNextPage ? tokenFor(ctx, 'comments', nextStart) : null,
			nextStart: hasNextPage ? nextStart : null,
		},
	});
}

function postReactions(h, ctx, { body: raw }) {
	const { body } = checked(h, ctx, raw, {
		strings: { postUrl: { required: true, min: 1 }, paginationToken: { min: 1 } },
		ints: { count: { min: 1, max: MAX_COUNT } },
	});
	const post = postOf(h, ctx, body);
	const all = ctx.state.finders.reactions;
	const start =
		body.paginationToken === undefined
			? 0
			: startOfToken(h, ctx, 'reactions', body.paginationToken);
	const count = body.count || 10;
	const reactions = all.slice(start, start + count);
	const hasNextPage = start + reactions.length < all.length;
	return h.ok({
		success: true,
		...post,
		reactions,
		pagination: {
			count: reactions.length,
			hasNextPage,
			nextPaginationToken: hasNextPage
				? tokenFor(ctx, 'reactions', start + reactions.length)
				: null,
		},
	});
}

function groupMembers(byUrl) {
	return (h, ctx, { body: raw }) => {
		const { body, account } = checked(h, ctx, raw, {
			strings: byUrl
				? { groupUrl: { required: true, min: 1 } }
				: { groupId: { required: true, min: 1 } },
			ints: { count: { min: 1, max: MAX_COUNT }, start: { min: 0 } },
			more: (b) => {
				const s = b.membershipStatuses;
				if (s === undefined) return [];
				if (!Array.isArray(s)) return [invalidType(['membershipStatuses'], 'array', s)];
				return s.flatMap((v, i) =>
					ROLES.includes(v) ? [] : [invalidEnum(['membershipStatuses', i], ROLES, v)],
				);
			},
		});
		const id = byUrl ? /\/groups\/(\d+)/.exec(body.groupUrl)?.[1] : body.groupId;
		if (id === undefined || !/^\d+$/.test(id))
			throw h.fail(400, byUrl ? 'Invalid LinkedIn group URL' : 'groupId must be numeric');
		if (id !== fd.GROUP_ID)
			throw h.fail(403, 'You must be a member of this group to see its members');
		if (typeof body.typeaheadQuery !== 'undefined' && typeof body.typeaheadQuery !== 'string')
			throw h.zodFail([invalidType(['typeaheadQuery'], 'string', body.typeaheadQuery)]);
		const q = (body.typeaheadQuery || '').toLowerCase();
		const roles = body.membershipStatuses;
		const all = ctx.state.finders.members.filter(
			(m) =>
				(!roles || roles.length === 0 || roles.includes(m.membershipStatus)) &&
				`${m.firstName} ${m.lastName}`.toLowerCase().includes(q),
		);
		const start = body.start || 0;
		const count = body.count || 50;
		const members = all.slice(start, start + count);
		spend(h, ctx, account.id, 'GROUP_MEMBERS', members.length);
		return h.ok({
			success: true,
			groupId: id,
			members,
			pagination: { start, count: members.length, total: all.length },
			hasMore: start + members.length < all.length,
		});
	};
}

function visitorsOf(h, ctx, account) {
	const connections = ctx.state.data[account.id].connections
		.slice(0, 5)
		.map((c) => h.findProfile(ctx.state, c.vanityName))
		.filter(Boolean);
	// The live account's (dev/fake-api/live.js) visitors of the last minutes come first.
	const recent = (ctx.state.finders.recentVisitors || []).map(({ at, ...v }) => ({
		...v,
		minutesAgo: Math.max(1, Math.floor((ctx.now().getTime() - at) / 60_000)),
	}));
	return [...recent, ...fd.makeVisitors(ctx.state.finders.visitorCount, connections)];
}

function profileVisitors(h, ctx, { body: raw }) {
	const { body, account } = checked(h, ctx, raw, {
		strings: { timeRange: { oneOf: Object.keys(TIME_RANGES) } },
		ints: { maxVisitors: { min: 1 }, count: { min: 1, max: MAX_COUNT }, start: { min: 0 } },
		bools: ['fetchAll'],
		more: (b) =>
			b.maxVisitors === undefined ? [invalidType(['maxVisitors'], 'number', undefined)] : [],
	});
	if (!ctx.state.finders.premium) throw h.fail(403, PREMIUM_TEXT);
	const days = TIME_RANGES[body.timeRange || 'past_90_days'];
	const all = visitorsOf(h, ctx, account)
		.filter((v) => v.minutesAgo <= days * 24 * 60)
		.slice(0, body.maxVisitors);
	const start = body.start || 0;
	const count = body.fetchAll ? all.length : body.count || 20;
	const visitors = all
		.slice(start, start + count)
		.map(({ minutesAgo, ...v }) => ({ ...v, viewedAt: viewedText(minutesAgo) }));
	return h.ok({
		success: true,
		visitors,
		pagination: { start, count: visitors.length, total: all.length },
		hasMore: start + visitors.length < all.length,
	});
}

function viewedText(minutes) {
	if (minutes < 60) return `Viewed ${minutes}m ago`;
	if (minutes < 24 * 60) return `Viewed ${Math.floor(minutes / 60)}h ago`;
	if (minutes < 7 * 24 * 60) return `Viewed ${Math.floor(minutes / (24 * 60))}d ago`;
	return `Viewed ${Math.floor(minutes / (7 * 24 * 60))}w ago`;
}

function follow(h, ctx, { body: raw }) {
	const { body, account } = checked(h, ctx, raw, {
		strings: {
			profileUrn: { min: 1 },
			profileId: { min: 1 },
			action: { oneOf: ['follow', 'unfollow'] },
		},
		more: (b) =>
			b.profileUrn === undefined && b.profileId === undefined
				? [custom(['profileUrn'], 'Either profileUrn or profileId is required')]
				: [],
	});
	const id = body.profileUrn !== undefined ? body.profileUrn : body.profileId;
	if (body.profileUrn === undefined) {
		const found = h.findProfile(ctx.state, id);
		if (found) viewProfile(h, ctx, account.id, found.slug, false);
	}
	const profile = h.profileOrNotFound(ctx, id);
	spend(h, ctx, account.id, 'FOLLOW', 1);
	const action = body.action || 'follow';
	const following = (ctx.state.finders.follows[account.id] ||= {});
	if (action === 'follow') following[profile.slug] = true;
	else delete following[profile.slug];
	return h.ok({
		success: true,
		action,
		profileUrn: profile.memberUrn,
		message: action === 'follow' ? 'Followed' : 'Unfollowed',
	});
}

/** The routes, given index.js's helpers (`h`). */
function routes(h) {
	const bind = (handler) => (ctx, request) => handler(h, ctx, request);
	return [
		{ method: 'POST', path: '/profile', action: 'PROFILE_VIEW', handler: bind(getProfile) },
		{
			method: 'POST',
			path: '/search/people',
			action: 'SEARCH_PEOPLE',
			handler: bind(searchPeople),
		},
		{ method: 'POST', path: '/search/geo', action: 'READ', handler: bind(searchGeo) },
		{ method: 'POST', path: '/posts/comments', action: 'READ', handler: bind(postComments) },
		{ method: 'POST', path: '/posts/reactions', action: 'READ', handler: bind(postReactions) },
		{
			method: 'POST',
			path: '/groups/members-by-url',
			action: 'GROUP_MEMBERS',
			handler: bind(groupMembers(true)),
		},
		{
			method: 'POST',
			path: '/groups/members',
			action: 'GROUP_MEMBERS',
			handler: bind(groupMembers(false)),
		},
		{ method: 'POST', path: '/profile/visitors', action: 'READ', handler: bind(profileVisitors) },
		{ method: 'POST', path: '/follow', action: 'FOLLOW', handler: bind(follow) },
	];
}

/** A slug resolved to a URN by a write (/connect, /message): counted as a profile view, never refused there. */
function countResolve(ctx, accountId, profile) {
	const views = (ctx.state.finders.viewed[accountId] ||= {});
	const now = ctx.now().getTime();
	if (views[profile.slug] !== undefined && now - views[profile.slug] < CACHE_MS) return;
	usage(ctx, accountId, 'PROFILE_VIEW').used += 1;
	views[profile.slug] = now;
}

/** What an account spent today of an action (for tests and the bench). */
function usedToday(state, action, accountId = state.defaultAccountId) {
	const counter = (state.finders.used[accountId] || {})[action];
	return counter && counter.day === dayStart(Date.now()) ? counter.used : 0;
}

module.exports = {
	routes,
	countResolve,
	usedToday,
	usage,
	fill,
	quotaWindow,
	viewProfile,
	DAILY_QUOTAS,
	PREMIUM_TEXT,
	...fd,
};
