// ConnectSafely's inbox as the node outputs it: the other participant of a thread as the person fields every list
// uses (so items chain into Message → Send), times read whether they come as ISO text or epoch ms.
import type { IDataObject } from 'n8n-workflow';

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

const DEGREES: Record<string, string> = {
	DISTANCE_1: '1st',
	DISTANCE_2: '2nd',
	DISTANCE_3: '3rd+',
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * A participant ({ profileId, name, headline, profileUrl, distance }) as person fields: `profileId` the vanity name
 * and `profileUrn` the member URN, read from whichever of profileId and profileUrl carries them.
 */
export function personOf(participant: unknown): IDataObject {
	if (!isObject(participant)) return {};
	const person: IDataObject = {};
	for (const value of [participant.profileId, participant.profileUrl]) {
		const parsed = parseProfile(value);
		if (isProfileProblem(parsed)) continue;
		if (parsed.kind === 'urn') person.profileUrn ??= parsed.profileUrn;
		else person.profileId ??= parsed.profileId;
	}
	const name = text(participant.name);
	if (name !== undefined) {
		const [firstName, ...rest] = name.split(/\s+/);
		Object.assign(person, { name, firstName, lastName: rest.join(' ') });
	}
	if (text(participant.headline)) person.headline = participant.headline;
	if (text(participant.profileUrl)) person.profileUrl = participant.profileUrl;
	const distance = text(participant.distance);
	if (distance !== undefined) person.connectionDegree = DEGREES[distance] ?? distance;
	return person;
}

/** The other person of a thread: its first participant (ConnectSafely lists the others, not the account). */
export function otherParticipant(thread: IDataObject): IDataObject {
	const participants = Array.isArray(thread.participants) ? thread.participants : [];
	return personOf(participants[0]);
}
