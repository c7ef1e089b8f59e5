'use strict';
// The people the fake's finders return: a search pool with locations, posts with commenters and reactors (companies,
// deleted authors, one person commenting three times), a group, and profile visitors (some anonymous, one a
// connection). Deterministic, generated from data.makeProfile so that every person is also in the profile directory.

const data = require('./data');

const POST_URL =
	'https://www.linkedin.com/posts/northwind_growth-activity-7400000000000000001-AbCd';
const GROUP_ID = '9876543';
const GROUP_URL = `https://www.linkedin.com/groups/${GROUP_ID}/`;
/** A group the account is not a member of. */
const FOREIGN_GROUP_ID = '1111111';
const FINDER_BASE = 40000;

const DEFAULT_FINDERS = { people: 57, comments: 31, reactions: 23, members: 64, visitors: 25 };

const GEOS = [
	{ name: 'San Francisco Bay Area', geoId: '90000084', countryCode: 'us' },
	{ name: 'London, England, United Kingdom', geoId: '102257491', countryCode: 'gb' },
	{ name: 'Bengaluru, Karnataka, India', geoId: '105214831', countryCode: 'in' },
	{ name: 'Madrid, Spain', geoId: '100994331', countryCode: 'es' },
	{ name: 'Berlin, Germany', geoId: '106967730', countryCode: 'de' },
	{ name: 'Toronto, Ontario, Canada', geoId: '100025096', countryCode: 'ca' },
	{ name: 'Tokyo, Japan', geoId: '101355337', countryCode: 'jp' },
	{ name: 'Lagos, Nigeria', geoId: '104197452', countryCode: 'ng' },
	{ name: 'Stockholm, Sweden', geoId: '100907646', countryCode: 'se' },
	{ name: 'New York, NY', geoId: '105080838', countryCode: 'us' },
];

const REACTIONS = ['LIKE', 'PRAISE', 'EMPATHY', 'INTEREST', 'CELEBRATE', 'SUPPORT'];
const ROLES = ['MEMBER', 'MEMBER', 'MEMBER', 'MANAGER', 'MEMBER', 'OWNER'];

function person(i) {
	return data.makeProfile(FINDER_BASE + i);
}

function geoOf(profile) {
	return GEOS.find((geo) => geo.name === profile.location) || GEOS[0];
}

function makePeople(n) {
	return Array.from({ length: n }, (_, i) => person(i));
}

/** Every 7th comment is by a company page, every 11th by a deleted member; person 2 comments three times. */
function makeComments(n) {
	return Array.from({ length: n }, (_, i) => {
		const at = Date.UTC(2026, 10, 1) + i * 60_000;
		const id = `7400000000000${String(100000 + i)}`;
		if (i % 7 === 6)
			return {
				commentId: id,
				authorName: 'Northwind Analytics',
				commentText: 'Thanks for sharing!',
				authorDesignation: '1,204 followers',
				commenterProfileId: null,
				publicIdentifier: null,
				profileUrl: 'https://www.linkedin.com/company/northwind-analytics/',
				createdAt: at,
				likeCount: 1,
				replyCount: 0,
				hasProfile: false,
				commenterUrn: 'urn:li:fsd_company:1234567',
			};
		if (i % 11 === 10)
			return {
				commentId: id,
				authorName: 'LinkedIn Member',
				commentText: 'Great point.',
				authorDesignation: '',
				commenterProfileId: null,
				publicIdentifier: null,
				profileUrl: null,
				createdAt: at,
				likeCount: 0,
				replyCount: 0,
				hasProfile: false,
				commenterUrn: null,
			};
		const p = person(i === 5 || i === 9 ? 2 : 100 + i);
		return {
			commentId: id,
			authorName: `${p.firstName} ${p.lastName}`,
			commentText: `Comment ${i + 1}: interesting take on growth.`,
			authorDesignation: p.headline,
			commenterProfileId: p.memberId,
			publicIdentifier: p.slug,
			profileUrl: p.profileUrl,
			createdAt: at,
			likeCount: i % 3,
			replyCount: 0,
			hasProfile: true,
			commenterUrn: p.memberUrn,
		};
	});
}

/** Every 5th reactor is a company page; degrees cycle. */
function makeReactions(n) {
	return Array.from({ length: n }, (_, i) => {
		if (i % 5 === 4)
			return {
				reactionType: 'LIKE',
				actorType: 'company',
				actorName: 'Brightloop',
				actorHeadline: 'Software',
				actorPublicIdentifier: 'brightloop',
				actorProfileUrl: 'https://www.linkedin.com/company/brightloop/',
				connectionDegree: null,
				actorUrn: null,
			};
		const p = person(300 + i);
		return {
			reactionType: REACTIONS[i % REACTIONS.length],
			actorType: 'profile',
			actorName: `${p.firstName} ${p.lastName}`,
			actorHeadline: p.headline,
			actorPublicIdentifier: p.slug,
			actorProfileUrl: p.profileUrl,
			connectionDegree: ['2nd', '3rd+', '2nd'][i % 3],
			actorUrn: null,
		};
	});
}

function makeMembers(n) {
	return Array.from({ length: n }, (_, i) => {
		const p = person(500 + i);
		return {
			entityUrn: p.memberUrn,
			publicIdentifier: p.slug,
			firstName: p.firstName,
			lastName: p.lastName,
			headline: p.headline,
			profilePicture: null,
			membershipStatus: ROLES[i % ROLES.length],
		};
	});
}

/** Minutes ago each visitor viewed; every 4th is anonymous; `connections` (directory profiles) visit as 1st degree. */
function makeVisitors(n, connections) {
	return Array.from({ length: n }, (_, i) => {
		const minutesAgo = 47 + i * i * 700;
		if (i % 4 === 3)
			return {
				entityUrn: null,
				publicIdentifier: null,
				name: 'Someone at Tailspin Health',
				headline: 'Healthcare',
				profilePicture: null,
				minutesAgo,
				connectionDegree: null,
				profileUrl: null,
			};
		const connection = i % 4 === 1 ? connections[(i >> 2) % Math.max(1, connections.length)] : null;
		const p = connection || person(700 + i);
		return {
			entityUrn: p.memberUrn,
			publicIdentifier: p.slug,
			name: `${p.firstName} ${p.lastName}`,
			headline: p.headline,
			profilePicture: null,
			minutesAgo,
			connectionDegree: connection ? '1st' : '2nd',
			profileUrl: p.profileUrl,
		};
	});
}

/** People of the finders, to put in the profile directory. */
function findersPeople(finders) {
	const ids = new Set();
	const add = (i) => ids.add(i);
	for (let i = 0; i < finders.people; i++) add(i);
	for (let i = 0; i < finders.comments; i++) add(i === 5 || i === 9 ? 2 : 100 + i);
	for (let i = 0; i < finders.reactions; i++) add(300 + i);
	for (let i = 0; i < finders.members; i++) add(500 + i);
	for (let i = 0; i < finders.visitors; i++) add(700 + i);
	return [...ids].map(person);
}

module.exports = {
	POST_URL,
	GROUP_ID,
	GROUP_URL,
	FOREIGN_GROUP_ID,
	DEFAULT_FINDERS,
	GEOS,
	geoOf,
	makePeople,
	makeComments,
	makeReactions,
	makeMembers,
	makeVisitors,
	findersPeople,
};
