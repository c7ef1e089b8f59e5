'use strict';
// Deterministic, realistic data for the fake ConnectSafely API.
// Every generator is pure: the same index always gives the same object, so tests can compute expectations.

const RECEIVED_ID_BASE = 7401234567890123456n;
const SENT_ID_BASE = 7402234567890123456n;

// Which profile index feeds which list (strangers use 0…STRANGER_COUNT-1).
const PROFILE_BASE = { received: 10000, sent: 20000, connection: 30000 };

const FIRST_NAMES = [
	'Alex',
	'Priya',
	'Jordan',
	'José',
	'Mei',
	'Samuel',
	'Aisha',
	'Lukas',
	'Olivia',
	'Kenji',
	'Fatima',
	'Liam',
	'Zoë',
	'Rahul',
	'Chiara',
	'Noah',
	'Ingrid',
	'Mateo',
	'Amara',
	'Søren',
	'Hannah',
	'Diego',
	'Yuki',
	'Ethan',
	'Deepika',
	'Tomás',
	'Grace',
	'Omar',
	'Elena',
	'Björn',
];

const LAST_NAMES = [
	'Morgan',
	'Sharma',
	'Lee',
	'Okafor',
	'Chen',
	'Khan',
	'Müller',
	'Bennett',
	'Tanaka',
	'Haddad',
	"O'Connor",
	'Dubois',
	'Khare',
	'Rossi',
	'Williams',
	'Johansson',
	'Fernández',
	'Nwosu',
	'Kowalski',
	'Schneider',
	'Alvarez',
	'García',
	'Nakamura',
	'Brooks',
	'Patel',
	'Novak',
	'Kim',
	'Farouk',
	'Petrova',
	'Larsen',
	'Ng',
];

const HEADLINES = [
	'Head of Growth at Northwind Analytics',
	'Senior Software Engineer · TypeScript, Node.js, AWS',
	'Founder & CEO at Brightloop | Helping B2B teams scale outbound',
	'Talent Acquisition Partner at Contoso',
	'Product Manager — Payments @ Finlytics',
	'Marketing Director | Demand Gen | SaaS',
	'Data Scientist at Tailspin Health',
	'Account Executive, EMEA at Fabrikam',
	'UX Researcher · ex-Spotify',
	'VP Sales at Orbital Robotics',
	'Freelance brand designer 🎨 Open to projects',
	'Customer Success Lead at Woodgrove Bank',
];

const LOCATIONS = [
	'San Francisco Bay Area',
	'London, England, United Kingdom',
	'Bengaluru, Karnataka, India',
	'Madrid, Spain',
	'Berlin, Germany',
	'Toronto, Ontario, Canada',
	'Tokyo, Japan',
	'Lagos, Nigeria',
	'Stockholm, Sweden',
	'New York, NY',
];

const COMPANIES = [
	'Northwind Analytics',
	'Brightloop',
	'Tailspin Health',
	'Orbital Robotics',
	'Finlytics',
];
const NEWSLETTERS = [
	'The Weekly Growth Memo',
	'Outbound Done Right',
	'Engineering Leadership Notes',
];
const EVENTS = ['SaaS Growth Summit 2025', 'B2B Sales Meetup — Berlin', 'AI in Recruiting Webinar'];
const NOTES = [
	'Hi! We met at the SaaStr meetup last month — would love to stay in touch.',
	'Loved your post about outbound sequences. Let’s connect!',
	'Hola, ¿conectamos? Trabajo en el mismo sector 🙂',
];

// Category cycle: CONNECTION is the most common.
const CATEGORY_CYCLE = [
	'CONNECTION',
	'CONNECTION',
	'ORGANIZATION',
	'CONNECTION',
	'NEWSLETTER',
	'CONNECTION',
	'EVENT',
	'MEMBER_FOLLOW',
];

const INVITATION_TYPES = {
	CONNECTION: 'GenericInvitationType_CONNECTION',
	ORGANIZATION: 'GenericInvitationType_ORGANIZATION',
	NEWSLETTER: 'GenericInvitationType_CONTENT_SERIES',
	EVENT: 'GenericInvitationType_EVENT',
	MEMBER_FOLLOW: 'GenericInvitationType_MEMBER_FOLLOW',
};

/** Categories whose inviter is identified by a member id (the others are pages, newsletters, events). */
const PERSON_CATEGORIES = ['CONNECTION', 'MEMBER_FOLLOW'];

// Relative times grow with the index (lists are newest first) and stop at the last entry.
const RECEIVED_AGES = [
	'12 minutes ago',
	'3 hours ago',
	'21 hours ago',
	'1 day ago',
	'2 days ago',
	'5 days ago',
	'1 week ago',
	'2 weeks ago',
	'3 weeks ago',
	'1 month ago',
	'2 months ago',
	'5 months ago',
	'11 months ago',
	'a year ago',
	'2 years ago',
];
const SENT_AGES = [
	'3 hours ago',
	'2 days ago',
	'1 week ago',
	'3 weeks ago',
	'2 months ago',
	'5 months ago',
	'a year ago',
	'2 years ago',
];

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const CONNECTIONS_NEWEST = Date.UTC(2025, 4, 14); // connection 0 was made on May 14, 2025
const DAY_MS = 24 * 60 * 60 * 1000;

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** FNV-1a 32-bit hash of a string. */
function hash(text) {
	let h = 0x811c9dc5;
	for (const ch of text) {
		h ^= ch.codePointAt(0);
		h = Math.imul(h, 0x01000193) >>> 0;
	}
	return h;
}

/** A deterministic opaque string of `length` characters derived from `key`. */
function opaque(key, length, alphabet = TOKEN_ALPHABET) {
	let state = hash(key) || 1;
	let out = '';
	for (let i = 0; i < length; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		out += alphabet[state % alphabet.length];
	}
	return out;
}

function pick(list, i) {
	return list[((i % list.length) + list.length) % list.length];
}

function slugPart(name) {
	return name.normalize('NFC').toLowerCase().replace(/['’]/g, '').replace(/\s+/g, '-');
}

/** The ACoA… member id LinkedIn would give the profile with this vanity slug (deterministic). */
function memberIdFor(slug) {
	return 'ACoAAB' + opaque('member:' + slug, 33);
}

function memberUrnFor(memberId) {
	return memberId ? `urn:li:fsd_profile:${memberId}` : '';
}

function profileUrlFor(slug) {
	return `https://www.linkedin.com/in/${slug}`;
}

/** `Connected on Feb 15, 2024` for a date. */
function formatConnectedDate(date) {
	const d = new Date(date);
	return `Connected on ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()}`;
}

/**
 * Person number i. Most slugs look like `alex-morgan-1a2b3c`; every sixth one is `first-last-<i>`
 * (e.g. `josé-garcía-3`), keeping non-ASCII letters as LinkedIn does.
 */
function makeProfile(i) {
	const firstName = pick(FIRST_NAMES, i);
	const lastName = pick(LAST_NAMES, i * 7 + Math.floor(i / FIRST_NAMES.length));
	const suffix =
		i % 6 === 3
			? String(i)
			: ((Math.imul(i + 1, 0x9e3779b1) >>> 0) & 0xffffff).toString(16).padStart(6, '0');
	const slug = `${slugPart(firstName)}-${slugPart(lastName)}-${suffix}`;
	const memberId = memberIdFor(slug);
	return {
		slug,
		publicIdentifier: slug,
		memberId,
		memberUrn: memberUrnFor(memberId),
		firstName,
		lastName,
		headline: pick(HEADLINES, i * 5 + 1),
		location: pick(LOCATIONS, i * 3),
		profileUrl: profileUrlFor(slug),
	};
}

function receivedCategory(i) {
	return pick(CATEGORY_CYCLE, i);
}

function receivedId(i) {
	return (RECEIVED_ID_BASE + BigInt(i)).toString();
}

function sentId(i) {
	return (SENT_ID_BASE + BigInt(i)).toString();
}

function categoryExtras(category, i) {
	if (category === 'ORGANIZATION') return { companyName: pick(COMPANIES, i) };
	if (category === 'NEWSLETTER') return { message: `Subscribe to “${pick(NEWSLETTERS, i)}”` };
	if (category === 'EVENT') return { message: `You're invited to ${pick(EVENTS, i)}` };
	if (category === 'CONNECTION' && i % 3 === 0) return { message: pick(NOTES, i / 3) };
	return {};
}

/**
 * Received invitation number i (0 = newest), as GET /invitations/received returns it.
 * Categories cycle CONNECTION, CONNECTION, ORGANIZATION, CONNECTION, NEWSLETTER, CONNECTION, EVENT, MEMBER_FOLLOW.
 */
function makeReceived(i, overrides = {}) {
	const person = makeProfile(PROFILE_BASE.received + i);
	// An overridden category also changes the fields that depend on it (type, member id, company name).
	const category = overrides.invitationCategory || receivedCategory(i);
	const id = receivedId(i);
	const memberId = PERSON_CATEGORIES.includes(category) ? person.memberId : '';
	const profile = {
		firstName: person.firstName,
		lastName: person.lastName,
		profileUrl: person.profileUrl,
		publicIdentifier: person.publicIdentifier,
	};
	if (i % 5 !== 4) profile.headline = person.headline;
	return {
		id,
		invitationId: id,
		invitationUrn: `urn:li:invitation:${id}`,
		memberId,
		memberUrn: memberUrnFor(memberId),
		invitationType: 'RECEIVED',
		invitationCategory: category,
		linkedInInvitationType: INVITATION_TYPES[category],
		validationToken: opaque('token:' + id, 11),
		receivedAt: RECEIVED_AGES[Math.min(i, RECEIVED_AGES.length - 1)],
		...categoryExtras(category, i),
		profile,
		...overrides,
	};
}

/** Pending sent invitation number i (0 = newest), as GET /invitations/sent returns it. */
function makeSent(i, overrides = {}) {
	const person = makeProfile(PROFILE_BASE.sent + i);
	return sentFromProfile(
		person,
		sentId(i),
		SENT_AGES[Math.min(i, SENT_AGES.length - 1)],
		overrides,
	);
}

function sentFromProfile(person, id, sentAt, overrides = {}) {
	return {
		id,
		invitationId: id,
		invitationUrn: `urn:li:invitation:${id}`,
		memberId: person.memberId,
		memberUrn: memberUrnFor(person.memberId),
		invitationType: 'SENT',
		sentAt,
		profile: {
			firstName: person.firstName,
			lastName: person.lastName,
			headline: person.headline,
			profileUrl: person.profileUrl,
			publicIdentifier: person.publicIdentifier,
		},
		...overrides,
	};
}

/** Connection number i (0 = most recently added), as GET /connections returns it. */
function makeConnection(i, overrides = {}) {
	const person = makeProfile(PROFILE_BASE.connection + i);
	const daysBack = i * 9 + ((i * i) % 5);
	return connectionFromProfile(person, CONNECTIONS_NEWEST - daysBack * DAY_MS, overrides);
}

function connectionFromProfile(person, connectedOn, overrides = {}) {
	return {
		firstName: person.firstName,
		lastName: person.lastName,
		vanityName: person.publicIdentifier,
		headline: person.headline,
		connectedDate: formatConnectedDate(connectedOn),
		profileUrl: person.profileUrl,
		...overrides,
	};
}

module.exports = {
	PROFILE_BASE,
	INVITATION_TYPES,
	PERSON_CATEGORIES,
	makeProfile,
	makeReceived,
	makeSent,
	makeConnection,
	sentFromProfile,
	connectionFromProfile,
	memberIdFor,
	memberUrnFor,
	profileUrlFor,
	formatConnectedDate,
	receivedId,
	sentId,
};
