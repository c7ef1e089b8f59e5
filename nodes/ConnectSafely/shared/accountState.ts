import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { ACCOUNT_ID } from './request';
import { isObject } from './text';
import type { QuotaStop } from './writeGate';

// Process-wide on purpose, like the pacing scheduler: every execution and workflow on an account shares them.
const defaultAccounts = new Map<string, string>();
const lookups = new Map<string, Promise<string>>();
const stops = new Map<string, RememberedStop>();
const people = new Map<string, { owner: object; sent: boolean }>();

export const MAX_PEOPLE = 10_000;
export const MAX_STORED_STOPS = 50;
export const STATIC_KEY = 'connectSafelyStops';
/** A quota 429 that names no end: ConnectSafely blocks connection requests for 24 h. */
export const UNKNOWN_END_MS = 24 * 60 * 60 * 1000;

export interface RememberedStop extends QuotaStop {
	until: number;
}

/** Accounts compare case-insensitively; '' stays the workspace default until its ID is known. */
export function accountKey(accountId: string): string {
	return accountId.trim().toLowerCase();
}

export function knownDefaultAccount(keyId: string): string | undefined {
	return defaultAccounts.get(keyId);
}

/** The default account's ID for a key, looked up once per process by every execution at once; '' if that failed. */
export async function defaultAccountOf(
	keyId: string,
	lookup: () => Promise<unknown>,
): Promise<string> {
	let pending = lookups.get(keyId);
	if (!pending) {
		const failed = () => {
			lookups.delete(keyId);
			return '';
		};
		pending = lookup().then((id) => {
			if (typeof id !== 'string' || !ACCOUNT_ID.test(id)) return failed();
			defaultAccounts.set(keyId, accountKey(id));
			return accountKey(id);
		}, failed);
		lookups.set(keyId, pending);
	}
	return await pending;
}

function storedStops(ctx: IExecuteSingleFunctions): IDataObject {
	const stored = ctx.getWorkflowStaticData('global')[STATIC_KEY];
	return isObject(stored) ? stored : {};
}

function pruned(stored: IDataObject, now: number): IDataObject {
	const live = Object.entries(stored).filter(
		([, value]) =>
			typeof (value as IDataObject)?.until === 'number' &&
			((value as IDataObject).until as number) > now,
	);
	live.sort(
		([, a], [, b]) => ((b as IDataObject).until as number) - ((a as IDataObject).until as number),
	);
	return Object.fromEntries(live.slice(0, MAX_STORED_STOPS)) as IDataObject;
}

/** A hold or spent quota still in force for this key, account and action: this process's, else the workflow's. */
export function activeStop(
	ctx: IExecuteSingleFunctions,
	key: string,
	now = Date.now(),
): RememberedStop | undefined {
	const local = stops.get(key);
	if (local && local.until > now) return local;
	if (local) stops.delete(key);
	const entry = storedStops(ctx)[key] as RememberedStop | undefined;
	if (!entry || typeof entry.until !== 'number' || entry.until <= now) return undefined;
	stops.set(key, entry);
	return entry;
}

export function rememberStop(
	ctx: IExecuteSingleFunctions,
	key: string,
	stop: QuotaStop,
	now = Date.now(),
): RememberedStop {
	const end = Date.parse(stop.holdUntil ?? stop.resumeAfter ?? '');
	const entry: RememberedStop = { ...stop, until: Number.isNaN(end) ? now + UNKNOWN_END_MS : end };
	if (entry.until <= now) return entry;
	const previous = stops.get(key);
	if (!previous || previous.until < entry.until) stops.set(key, entry);
	const stored = { ...storedStops(ctx) };
	const kept = stored[key] as RememberedStop | undefined;
	if (!kept || kept.until < entry.until) stored[key] = { ...entry } as unknown as IDataObject;
	// Assigned whole: n8n notices changes of the static data's own properties, and saves it after the execution.
	ctx.getWorkflowStaticData('global')[STATIC_KEY] = pruned(stored, now);
	return entry;
}

/** A person's ids as the duplicate check compares them: vanity names in any case or encoding, member IDs as they are. */
export function personIds(
	profile: { kind: 'slug'; profileId: string } | { kind: 'urn'; memberId: string },
): string[] {
	if (profile.kind === 'urn') return [`member:${profile.memberId}`];
	let slug = profile.profileId;
	try {
		slug = decodeURIComponent(slug);
	} catch {
		// Kept as given.
	}
	return [`slug:${slug.normalize('NFC').toLowerCase()}`];
}

export interface PersonClaim {
	scope: string;
	owner: object;
	ids: string[];
}

/** Claims a person for one item; false when another item or execution has claimed or sent to them. */
export function claimPerson(claim: PersonClaim, ids: string[]): boolean {
	const keys = ids.map((id) => `${claim.scope}|${id}`);
	if (
		keys.some((key) => {
			const entry = people.get(key);
			return entry !== undefined && (entry.sent || entry.owner !== claim.owner);
		})
	)
		return false;
	for (const key of keys) {
		people.delete(key);
		people.set(key, { owner: claim.owner, sent: false });
	}
	claim.ids.push(...ids.filter((id) => !claim.ids.includes(id)));
	while (people.size > MAX_PEOPLE) people.delete(people.keys().next().value as string);
	return true;
}

/** Sent, or maybe sent (the answer was lost): kept, so no other execution sends again. */
export function keepPerson(claim: PersonClaim): void {
	for (const id of claim.ids) {
		const key = `${claim.scope}|${id}`;
		people.delete(key);
		people.set(key, { owner: claim.owner, sent: true });
	}
	while (people.size > MAX_PEOPLE) people.delete(people.keys().next().value as string);
}

/** Not sent: the claim is given up. */
export function releasePerson(claim: PersonClaim): void {
	for (const id of claim.ids) {
		const key = `${claim.scope}|${id}`;
		const entry = people.get(key);
		if (entry && entry.owner === claim.owner && !entry.sent) people.delete(key);
	}
	claim.ids.length = 0;
}
