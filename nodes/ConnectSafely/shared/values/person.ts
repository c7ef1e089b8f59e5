// The one person shape every finder item carries (profileId = vanity name, profileUrn, name, headline, profileUrl,
// connectionDegree as 1st/2nd/3rd+), so that Send Request, Message → Send, Follow and Profile → Get take it as it is.
import type { IDataObject } from 'n8n-workflow';

export type Degree = '1st' | '2nd' | '3rd+';

const DEGREES: Record<string, Degree> = {
	'1st': '1st',
	'2nd': '2nd',
	'3rd': '3rd+',
	'3rd+': '3rd+',
	DISTANCE_1: '1st',
	DISTANCE_2: '2nd',
	DISTANCE_3: '3rd+',
	OUT_OF_NETWORK: '3rd+',
	F: '1st',
	S: '2nd',
	O: '3rd+',
};

/** The degree as 1st, 2nd or 3rd+, whichever form the endpoint used (null when it gave none). */
export function degreeOf(value: unknown): Degree | null {
	return typeof value === 'string' ? (DEGREES[value.trim()] ?? null) : null;
}

function text(value: unknown): string | null {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export interface PersonSource {
	slug: unknown;
	urn?: unknown;
	name?: unknown;
	firstName?: unknown;
	lastName?: unknown;
	headline?: unknown;
	profileUrl?: unknown;
	degree?: unknown;
}

/** A finder's entry as the one person shape; `slug` and `urn` as the endpoint names them. */
export function personOf(source: PersonSource): IDataObject {
	const slug = text(source.slug);
	const first = text(source.firstName);
	const last = text(source.lastName);
	const name = text(source.name) ?? ([first, last].filter(Boolean).join(' ') || null);
	const urn = text(source.urn);
	return {
		profileId: slug,
		profileUrn: urn !== null && /^urn:li:fsd_profile:/.test(urn) ? urn : null,
		name,
		...(first !== null || last !== null ? { firstName: first, lastName: last } : {}),
		headline: text(source.headline),
		profileUrl:
			text(source.profileUrl) ??
			(slug !== null ? `https://www.linkedin.com/in/${encodeURIComponent(slug)}` : null),
		connectionDegree: degreeOf(source.degree),
	};
}

/** Whether an item is a person a write can act on (not a company page, a deleted author or an anonymous viewer). */
export function isPerson(person: IDataObject): boolean {
	return person.profileId !== null || person.profileUrn !== null;
}
