import {
	isProfileProblem,
	parseProfile,
	type ProfileProblem,
	type ProfileRef,
} from '../../nodes/ConnectSafely/shared/values/profile';

const MEMBER = 'ACoAABcDeFgHiJkLmNoPqRsTuVwXyZ0123456-_';
const ACCEPTED =
	'Use a profile URL like https://www.linkedin.com/in/john-doe-123, the vanity name john-doe-123, or a member URN urn:li:fsd_profile:ACoA…';

function slug(value: unknown): string {
	const parsed = parseProfile(value);
	if (isProfileProblem(parsed)) throw new Error(`unexpected problem: ${parsed.problem}`);
	if (parsed.kind !== 'slug') throw new Error(`expected slug, got ${JSON.stringify(parsed)}`);
	return parsed.profileId;
}

function problemOf(value: unknown): ProfileProblem {
	const parsed = parseProfile(value);
	if (!isProfileProblem(parsed))
		throw new Error(`expected a problem, got ${JSON.stringify(parsed)}`);
	return parsed;
}

describe('parseProfile: profile URLs', () => {
	it.each([
		['https://www.linkedin.com/in/john-doe-123/', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123', 'john-doe-123'],
		['http://www.linkedin.com/in/john-doe-123', 'john-doe-123'],
		['www.linkedin.com/in/john-doe-123', 'john-doe-123'],
		['linkedin.com/in/john-doe-123', 'john-doe-123'],
		['linkedin.com/in/john-doe-123/', 'john-doe-123'],
		['https://linkedin.com/in/john-doe-123', 'john-doe-123'],
		['https://uk.linkedin.com/in/john-doe-123', 'john-doe-123'],
		['https://de.linkedin.com/in/max-mustermann/', 'max-mustermann'],
		['HTTPS://WWW.LinkedIn.COM/in/john-doe-123', 'john-doe-123'],
		['https://www.linkedin.com/IN/john-doe-123', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123?trk=public_profile', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123/?originalSubdomain=uk', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123#experience', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123/details/experience/', 'john-doe-123'],
		['https://www.linkedin.com/in/john-doe-123/overlay/contact-info/', 'john-doe-123'],
		['https://www.linkedin.com/in/j%C3%B6rg-m%C3%BCller', 'jörg-müller'],
		['https://www.linkedin.com/in/jos%C3%A9-garc%C3%ADa-42/', 'josé-garcía-42'],
		['https://www.linkedin.com/in/jörg-müller/', 'jörg-müller'],
		['https://www.linkedin.com/in/%E6%9D%8E%E5%B0%8F%E9%BE%99', '李小龙'],
		['https://www.linkedin.com:443/in/john-doe-123', 'john-doe-123'],
		['https://www.linkedin.com//in//john-doe-123', 'john-doe-123'],
		['  https://www.linkedin.com/in/john-doe-123/  \n', 'john-doe-123'],
		['https://www.linkedin.com/in/john_doe_123', 'john_doe_123'],
		['https://www.linkedin.com/mwlite/in/john-doe-123', 'john-doe-123'],
	])('%s → %s', (input, expected) => {
		expect(parseProfile(input)).toEqual({ kind: 'slug', profileId: expected });
	});

	it('turns a member id in an /in/ URL into a URN reference', () => {
		expect(parseProfile(`https://www.linkedin.com/in/${MEMBER}`)).toEqual({
			kind: 'urn',
			profileUrn: `urn:li:fsd_profile:${MEMBER}`,
			memberId: MEMBER,
		});
	});

	it('normalizes decomposed Unicode (NFD) to NFC', () => {
		expect(slug('jo\u0308rg-mu\u0308ller')).toBe('jörg-müller');
		expect(slug('jo\u0308rg-mu\u0308ller')).toHaveLength(11);
	});
});

describe('parseProfile: bare values', () => {
	it.each([
		['john-doe-123', 'john-doe-123'],
		['  john-doe-123\t', 'john-doe-123'],
		['abc', 'abc'],
		['jörg-müller', 'jörg-müller'],
		['josé-garcía-42', 'josé-garcía-42'],
		['john_doe', 'john_doe'],
		['JohnDoe', 'JohnDoe'],
		['a'.repeat(100), 'a'.repeat(100)],
	])('slug %s', (input, expected) => {
		expect(parseProfile(input)).toEqual({ kind: 'slug', profileId: expected });
	});

	it.each([
		`urn:li:fsd_profile:${MEMBER}`,
		`urn:li:fs_miniProfile:${MEMBER}`,
		`urn:li:fs_profile:${MEMBER}`,
		`URN:LI:FSD_PROFILE:${MEMBER}`,
		`  urn:li:fsd_profile:${MEMBER}  `,
		`urn%3Ali%3Afsd_profile%3A${MEMBER}`,
		MEMBER,
		` ${MEMBER} `,
	])('member reference %s', (input) => {
		const expected: ProfileRef = {
			kind: 'urn',
			profileUrn: `urn:li:fsd_profile:${MEMBER}`,
			memberId: MEMBER,
		};
		expect(parseProfile(input)).toEqual(expected);
	});

	it('accepts member ids from 20 to 60 characters', () => {
		const short = 'ACoA' + 'x'.repeat(16);
		const long = 'ACoA' + 'x'.repeat(56);
		expect(parseProfile(short)).toEqual({
			kind: 'urn',
			profileUrn: `urn:li:fsd_profile:${short}`,
			memberId: short,
		});
		expect(parseProfile(long)).toEqual({
			kind: 'urn',
			profileUrn: `urn:li:fsd_profile:${long}`,
			memberId: long,
		});
	});

	it('treats a short ACoA-prefixed word as a vanity name, not a member id', () => {
		expect(parseProfile('ACoAshort')).toEqual({ kind: 'slug', profileId: 'ACoAshort' });
	});
});

describe('parseProfile: rejected values', () => {
	it('rejects an empty string', () => {
		expect(parseProfile('')).toEqual({ problem: 'The profile is empty.', hint: ACCEPTED });
	});

	it('rejects whitespace only', () => {
		expect(parseProfile('  \n\t ')).toEqual({ problem: 'The profile is empty.', hint: ACCEPTED });
	});

	it('rejects undefined and says an expression may point at a missing field', () => {
		expect(parseProfile(undefined)).toEqual({
			problem:
				'The profile is empty (the value is undefined); an expression probably points at a field that does not exist.',
			hint: ACCEPTED,
		});
	});

	const typeHint = `Point it at a field holding the profile URL or vanity name, such as profileUrl or publicIdentifier. ${ACCEPTED}`;

	it.each([
		[42, 'a number (42)'],
		[true, 'a boolean (true)'],
		[null, 'null'],
		[[], 'an array with 0 elements'],
		[['a'], 'an array with 1 element'],
		[{}, 'an empty object'],
		[{ firstName: 'Ann', profileUrl: 'x' }, 'an object with the fields firstName, profileUrl'],
	])('rejects %p with its type', (value, type) => {
		expect(parseProfile(value)).toEqual({
			problem: `expects text, got ${type}; an expression probably points at the wrong field.`,
			hint: typeHint,
		});
	});

	it.each([
		['https://www.linkedin.com/company/acme/', 'company'],
		['https://www.linkedin.com/school/mit/', 'school'],
		['https://www.linkedin.com/showcase/acme-labs', 'showcase'],
	])('rejects the %s URL as a %s page', (url, kind) => {
		expect(problemOf(url)).toEqual({
			problem: `"${url}" is a LinkedIn ${kind} page, not a person's profile.`,
			hint: `Connection requests and invitations work with people only. ${ACCEPTED}`,
		});
	});

	it.each([
		'https://www.linkedin.com/jobs/view/3812345678/',
		'linkedin.com/jobs/search?keywords=x',
	])('rejects the job URL %s', (url) => {
		expect(problemOf(url)).toEqual({
			problem: `"${url}" is a LinkedIn job URL, not a person's profile.`,
			hint: ACCEPTED,
		});
	});

	it.each([
		'https://www.linkedin.com/posts/john-doe-123_activity-7123456789',
		'https://www.linkedin.com/feed/update/urn:li:activity:7123456789/',
		'https://www.linkedin.com/pulse/some-article-john-doe',
	])('rejects the post/feed URL %s', (url) => {
		expect(problemOf(url)).toEqual({
			problem: `"${url}" is a LinkedIn post or feed URL, not a person's profile.`,
			hint: `Open the author's profile and copy its URL. ${ACCEPTED}`,
		});
	});

	it.each([
		'https://www.linkedin.com/sales/lead/ACwAAAbcdefghijklmnop,NAME_SEARCH,xyz',
		'https://www.linkedin.com/sales/people/ACwAAAbcdefghijklmnop,name',
	])('rejects the Sales Navigator link %s and asks for the public URL', (url) => {
		expect(problemOf(url)).toEqual({
			problem: `"${url}" is a Sales Navigator or Recruiter link; such links carry no public profile id.`,
			hint: `Open the person in regular LinkedIn and copy the public profile URL. ${ACCEPTED}`,
		});
	});

	it('rejects a bare Sales Navigator member id', () => {
		const id = 'ACwAAAbcdefghijklmnopqrstuvwxyz0123';
		expect(problemOf(id)).toEqual({
			problem: `"${id}" looks like a Sales Navigator member id; Sales Navigator ids carry no public profile id.`,
			hint: `Open the person in regular LinkedIn and copy the public profile URL. ${ACCEPTED}`,
		});
	});

	it.each(['https://www.linkedin.com/in/', 'https://www.linkedin.com/in', 'linkedin.com/in//?x=1'])(
		'rejects %s without a profile name',
		(url) => {
			expect(problemOf(url)).toEqual({
				problem: `"${url}" has no profile name after /in/.`,
				hint: ACCEPTED,
			});
		},
	);

	it.each([
		'https://twitter.com/in/john-doe',
		'https://example.com/john-doe',
		'https://notlinkedin.com/in/john-doe',
		'https://linkedin.com.evil.example/in/john-doe',
		'ftp://linkedin.com/in/john-doe',
		'john.doe@example.com',
	])('rejects the non-LinkedIn value %s', (url) => {
		expect(problemOf(url)).toEqual({
			problem: `"${url}" is not a LinkedIn profile URL.`,
			hint: ACCEPTED,
		});
	});

	it('rejects LinkedIn itself and other LinkedIn sections', () => {
		expect(problemOf('https://www.linkedin.com/').problem).toBe(
			'"https://www.linkedin.com/" points at LinkedIn itself, not at a profile.',
		);
		expect(problemOf('https://www.linkedin.com/mynetwork/').problem).toBe(
			'"https://www.linkedin.com/mynetwork/" is a LinkedIn URL, but not a profile URL (/in/…).',
		);
	});

	it.each(['John Doe', 'ab', 'john doe 123', 'john@doe', '#john', 'a'.repeat(101), 'john<doe>'])(
		'rejects the junk value %p',
		(value) => {
			expect(problemOf(value)).toEqual({
				problem: `"${value.length > 80 ? value.slice(0, 79) + '…' : value}" is not a LinkedIn profile: a vanity name has 3–100 letters, digits, hyphens or underscores and no spaces.`,
				hint: ACCEPTED,
			});
		},
	);

	it('rejects spaces inside a URL slug', () => {
		expect(problemOf('https://www.linkedin.com/in/john doe').problem).toBe(
			'"https://www.linkedin.com/in/john doe" is not a LinkedIn profile: a vanity name has 3–100 letters, digits, hyphens or underscores and no spaces.',
		);
	});

	it('rejects broken percent-encoding', () => {
		expect(problemOf('https://www.linkedin.com/in/j%C3rg').problem).toBe(
			'"https://www.linkedin.com/in/j%C3rg" contains broken percent-encoding in the profile name.',
		);
	});

	it.each([[`urn:li:member:123456`], [`urn:li:organization:1234`], [`urn:li:company:1234`]])(
		'rejects the non-profile URN %s',
		(urn) => {
			expect(problemOf(urn)).toEqual({
				problem: `"${urn}" is not a person's profile URN; only urn:li:fsd_profile, urn:li:fs_profile and urn:li:fs_miniProfile URNs with an ACoA… member id are accepted.`,
				hint: ACCEPTED,
			});
		},
	);

	it('rejects a profile URN without an ACoA member id', () => {
		expect(problemOf('urn:li:fsd_profile:12345')).toEqual({
			problem:
				'"urn:li:fsd_profile:12345" is a profile URN, but its member id is not of the ACoA… form.',
			hint: ACCEPTED,
		});
	});

	it('truncates long quoted values to 80 characters', () => {
		const url = 'https://example.com/' + 'x'.repeat(200);
		const { problem } = problemOf(url);
		expect(problem).toBe(`"${url.slice(0, 79)}…" is not a LinkedIn profile URL.`);
	});

	it('truncates by code points, never splitting emoji', () => {
		const value = '😀'.repeat(90);
		expect(problemOf(value).problem).toBe(
			`"${'😀'.repeat(79)}…" is not a LinkedIn profile: a vanity name has 3–100 letters, digits, hyphens or underscores and no spaces.`,
		);
	});

	it('always lists the accepted forms in the hint', () => {
		for (const value of ['', 'x y', 'https://www.linkedin.com/company/a', 5, 'urn:li:member:1']) {
			expect(problemOf(value).hint.endsWith(ACCEPTED)).toBe(true);
		}
	});
});

describe('isProfileProblem', () => {
	it('tells problems from references', () => {
		expect(isProfileProblem({ problem: 'p', hint: 'h' })).toBe(true);
		expect(isProfileProblem({ kind: 'slug', profileId: 'abc' })).toBe(false);
		expect(
			isProfileProblem({ kind: 'urn', profileUrn: 'urn:li:fsd_profile:x', memberId: 'x' }),
		).toBe(false);
	});
});
