// ConnectSafely's inbox as the node outputs it: the other participant of a thread as the person fields every list
// uses (so items chain into Message → Send), times read whether they come as ISO text or epoch ms.
import type { IDataObject } from 'n8n-workflow';

import { isPerson, personOf } from './person';
import { isProfileProblem, parseProfile } from './profile';
import { isObject } from './text';

const CONVERSATION_URN = /^urn:li:[a-z_]*conversation:\S+$/i;

export function isConversationUrn(value: string): boolean {
	return CONVERSATION_URN.test(value);
}

/** Epoch ms of a time ConnectSafely sends as epoch ms or ISO-8601 text; undefined when neither. */
export function timeOf(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value !== 'string' || value.trim() === '') return undefined;
	const parsed = /^\d+$/.test(value.trim()) ? Number(value) : Date.parse(value);
	return Number.isNaN(parsed) ? undefined : parsed;
}

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A participant ({ profileId, name, headline, profileUrl, distance }) as the one person shape: the vanity name and
 * the member URN read from whichever of profileId and profileUrl carries them; the name split for a greeting.
 */
export function participantPerson(participant: unknown): IDataObject {
	if (!isObject(participant)) return {};
	let slug: string | undefined;
	let urn: string | undefined;
	for (const value of [participant.profileId, participant.profileUrl]) {
		const parsed = parseProfile(value);
		if (isProfileProblem(parsed)) continue;
		if (parsed.kind === 'urn') urn ??= parsed.profileUrn;
		else slug ??= parsed.profileId;
	}
	const [firstName, ...rest] = text(participant.name)?.split(/\s+/) ?? [];
	return personOf({
		slug,
		urn,
		name: participant.name,
		firstName,
		lastName: rest.join(' '),
		headline: participant.headline,
		profileUrl: participant.profileUrl,
		degree: participant.distance,
	});
}

/** The other person of a thread: its first participant (ConnectSafely lists the others, not the account). */
export function otherParticipant(thread: IDataObject): IDataObject {
	const participants = Array.isArray(thread.participants) ? thread.participants : [];
	return participantPerson(participants[0]);
}

/**
 * The other person of a 1:1 thread from a page of its messages: the one participant who did not send the account's
 * own messages; undefined when the page names no such single person.
 */
export function threadPerson(page: IDataObject, messages: IDataObject[]): IDataObject | undefined {
	const own = new Set(
		messages.filter((m) => m.isSentByOwner === true).map((m) => m.senderProfileId),
	);
	const others = (Array.isArray(page.participants) ? page.participants : []).filter(
		(participant) => !isObject(participant) || !own.has(participant.profileId),
	);
	const person = others.length === 1 ? participantPerson(others[0]) : undefined;
	return person !== undefined && isPerson(person) ? person : undefined;
}
