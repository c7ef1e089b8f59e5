// The people an account has invited or withdrawn, per process: the one place that says whether a connection request
// to someone may go out. Entries are forgotten after LinkedIn's re-invite cooldown; Withdraw tells it.

import { clock } from '../request/pacing';

/** LinkedIn blocks re-inviting a person for up to 3 weeks after a withdrawal; an invitation is remembered as long. */
export const REMEMBER_MS = 21 * 24 * 60 * 60 * 1000;
export const MAX_PEOPLE = 10_000;

type State = 'claimed' | 'invited' | 'withdrawn';

interface Entry {
	owner: object;
	state: State;
	at: number;
}

const people = new Map<string, Entry>();

/** The people one item works on, for one account: `scope` is the credential's and account's key. */
export interface Claim {
	scope: string;
	owner: object;
	ids: string[];
	/** When the item started: what the 21-day memory is measured from. */
	at: number;
}

/** Why a person may not be invited now. */
export interface Taken {
	reason: 'duplicate' | 'withdrawn';
	/** When that ends (ISO). */
	until: string;
}

export function newClaim(scope: string, now = clock.now()): Claim {
	return { scope, owner: {}, ids: [], at: now };
}

function entryOf(key: string, now: number): Entry | undefined {
	const entry = people.get(key);
	if (entry && now - entry.at >= REMEMBER_MS) people.delete(key);
	return people.get(key);
}

function put(key: string, entry: Entry): void {
	people.delete(key);
	people.set(key, entry);
	while (people.size > MAX_PEOPLE) people.delete(people.keys().next().value as string);
}

/** Claims the person (`ids`: every form known of them) for this item, or says why not. */
export function claimPerson(claim: Claim, ids: string[], now = claim.at): Taken | undefined {
	for (const id of ids) {
		const entry = entryOf(`${claim.scope}|${id}`, now);
		if (!entry || (entry.state === 'claimed' && entry.owner === claim.owner)) continue;
		return {
			reason: entry.state === 'withdrawn' ? 'withdrawn' : 'duplicate',
			until: new Date(entry.at + REMEMBER_MS).toISOString(),
		};
	}
	for (const id of ids)
		put(`${claim.scope}|${id}`, { owner: claim.owner, state: 'claimed', at: now });
	claim.ids.push(...ids.filter((id) => !claim.ids.includes(id)));
	return undefined;
}

/**
 * The item has ended: `invited` (sent, or maybe sent: the answer was lost) keeps the person, `withdrawn` records the
 * cooldown, `released` gives the claim up (nothing was sent).
 */
export function settleClaim(
	claim: Claim,
	outcome: 'invited' | 'withdrawn' | 'released',
	now = claim.at,
): void {
	for (const id of claim.ids) {
		const key = `${claim.scope}|${id}`;
		const entry = people.get(key);
		if (outcome !== 'released') put(key, { owner: claim.owner, state: outcome, at: now });
		else if (entry && entry.owner === claim.owner && entry.state === 'claimed') people.delete(key);
	}
	if (outcome === 'released') claim.ids.length = 0;
}

/** Withdraw took an invitation back: the person may not be invited again until the cooldown ends. */
export function withdrawnPerson(scope: string, ids: string[], now = clock.now()): void {
	for (const id of ids) put(`${scope}|${id}`, { owner: {}, state: 'withdrawn', at: now });
}
