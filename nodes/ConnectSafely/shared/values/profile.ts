import type { IDataObject } from 'n8n-workflow';

import { shorten, typeName } from './text';

export type ProfileRef =
	| { kind: 'slug'; profileId: string }
	| { kind: 'urn'; profileUrn: string; memberId: string };

export type ProfileProblem = { problem: string; hint: string };

const ACCEPTED_FORMS =
	'Use a profile URL like https://www.linkedin.com/in/john-doe-123, the vanity name john-doe-123, or a member URN urn:li:fsd_profile:ACoA…';

const MEMBER_ID = /^ACoA[A-Za-z0-9_-]{16,56}$/;
const SALES_NAVIGATOR_ID = /^AC[wW]A[A-Za-z0-9_-]{16,56}$/;
const PROFILE_URN = /^urn:li:(?:fsd_profile|fs_miniProfile|fs_profile):(.+)$/i;
const SLUG = /^[\p{L}\p{M}\p{N}_-]{3,100}$/u;
const LINKEDIN_HOST = /^(?:[a-z0-9-]+\.)*linkedin\.com$/;

export function isProfileProblem(x: ProfileRef | ProfileProblem): x is ProfileProblem {
	return 'problem' in x;
}

function quoteValue(value: string): string {
	return `"${shorten(value, 80)}"`;
}

function problem(text: string, advice?: string): ProfileProblem {
	return { problem: text, hint: advice ? `${advice} ${ACCEPTED_FORMS}` : ACCEPTED_FORMS };
}

function memberRef(memberId: string): ProfileRef {
	return { kind: 'urn', profileUrn: `urn:li:fsd_profile:${memberId}`, memberId };
}

function decode(text: string): string | undefined {
	try {
		return decodeURIComponent(text);
	} catch {
		return undefined;
	}
}

function fromSlug(candidate: string, original: string): ProfileRef | ProfileProblem {
	if (MEMBER_ID.test(candidate)) return memberRef(candidate);
	if (SALES_NAVIGATOR_ID.test(candidate)) {
		return problem(
			`${quoteValue(original)} looks like a Sales Navigator member id; Sales Navigator ids carry no public profile id.`,
			'Open the person in regular LinkedIn and copy the public profile URL.',
		);
	}
	const slug = candidate.normalize('NFC');
	if (SLUG.test(slug) && !/[\p{L}\p{N}]/u.test(slug)) {
		return problem(`${quoteValue(original)} is not a LinkedIn profile: it has no letter or digit.`);
	}
	if (SLUG.test(slug)) return { kind: 'slug', profileId: slug };
	return problem(
		`${quoteValue(original)} is not a LinkedIn profile: a vanity name has 3–100 letters, digits, hyphens or underscores and no spaces.`,
	);
}

function fromUrn(value: string): ProfileRef | ProfileProblem {
	const match = PROFILE_URN.exec(value);
	if (match && MEMBER_ID.test(match[1])) return memberRef(match[1]);
	if (match) {
		return problem(
			`${quoteValue(value)} is a profile URN, but its member id is not of the ACoA… form.`,
		);
	}
	return problem(
		`${quoteValue(value)} is not a person's profile URN; only urn:li:fsd_profile, urn:li:fs_profile and urn:li:fs_miniProfile URNs with an ACoA… member id are accepted.`,
	);
}

function fromUrl(value: string): ProfileRef | ProfileProblem {
	const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/?#]*)([^?#]*)/i.exec(value);
	const scheme = match?.[1]?.toLowerCase();
	const host = (match?.[2] ?? '')
		.replace(/^[^@]*@/, '')
		.replace(/:\d*$/, '')
		.toLowerCase();
	if (
		!match ||
		(scheme !== undefined && scheme !== 'http' && scheme !== 'https') ||
		!LINKEDIN_HOST.test(host)
	) {
		return problem(`${quoteValue(value)} is not a LinkedIn profile URL.`);
	}
	const segments = match[3].split('/').filter((segment) => segment !== '');
	if (/^mwlite$/i.test(segments[0] ?? '')) segments.shift();
	const section = (segments[0] ?? '').toLowerCase();

	if (section === 'in') {
		if (segments.length < 2) {
			return problem(`${quoteValue(value)} has no profile name after /in/.`);
		}
		const slug = decode(segments[1]);
		if (slug === undefined) {
			return problem(`${quoteValue(value)} contains broken percent-encoding in the profile name.`);
		}
		return fromSlug(slug, value);
	}
	if (section === 'company' || section === 'school' || section === 'showcase') {
		return problem(
			`${quoteValue(value)} is a LinkedIn ${section} page, not a person's profile.`,
			'Connection requests and invitations work with people only.',
		);
	}
	if (section === 'jobs' || section === 'job') {
		return problem(`${quoteValue(value)} is a LinkedIn job URL, not a person's profile.`);
	}
	if (section === 'posts' || section === 'feed' || section === 'pulse') {
		return problem(
			`${quoteValue(value)} is a LinkedIn post or feed URL, not a person's profile.`,
			"Open the author's profile and copy its URL.",
		);
	}
	if (section === 'sales' || section === 'talent') {
		return problem(
			`${quoteValue(value)} is a Sales Navigator or Recruiter link; such links carry no public profile id.`,
			'Open the person in regular LinkedIn and copy the public profile URL.',
		);
	}
	if (section === '') {
		return problem(`${quoteValue(value)} points at LinkedIn itself, not at a profile.`);
	}
	return problem(`${quoteValue(value)} is a LinkedIn URL, but not a profile URL (/in/…).`);
}

export function parseProfile(value: unknown): ProfileRef | ProfileProblem {
	if (value === undefined) {
		return problem(
			'The profile is empty (the value is undefined); an expression probably points at a field that does not exist.',
		);
	}
	if (typeof value !== 'string') {
		return problem(
			`expects text, got ${typeName(value, true)}; an expression probably points at the wrong field.`,
			'Point it at a field holding the profile URL or vanity name, such as profileUrl or publicIdentifier.',
		);
	}
	let text = value.trim();
	if (text === '') return problem('The profile is empty.');
	if (/^urn%3a/i.test(text)) text = decode(text) ?? text;

	if (/^urn:/i.test(text)) return fromUrn(text);
	if (/[/.:]/.test(text)) return fromUrl(text);
	return fromSlug(text, text);
}

export function profileBody(profile: ProfileRef): IDataObject {
	return profile.kind === 'slug'
		? { profileId: profile.profileId }
		: { profileUrn: profile.profileUrn };
}

/** A person's ids as the people store compares them: vanity names in any case or encoding, member IDs as they are. */
export function personIds(profile: ProfileRef): string[] {
	if (profile.kind === 'urn') return [`member:${profile.memberId}`];
	let slug = profile.profileId;
	try {
		slug = decodeURIComponent(slug);
	} catch {
		// Kept as given.
	}
	return [`slug:${slug.normalize('NFC').toLowerCase()}`];
}

/** The member ID of a member URN (urn:li:fsd_profile:ACoA…), if it is one. */
export function memberIdOf(urn: unknown): string | undefined {
	if (typeof urn !== 'string') return undefined;
	const parsed = parseProfile(urn);
	return !isProfileProblem(parsed) && parsed.kind === 'urn' ? parsed.memberId : undefined;
}
