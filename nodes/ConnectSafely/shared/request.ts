import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ProfileRef } from './profile';
import { typeName } from './text';

const RELATIONSHIP_PATH = '/relationship/';

/** GET /relationship takes the vanity name, or the member ID for a URN. */
export function relationshipPath(profile: ProfileRef): string {
	return `${RELATIONSHIP_PATH}${encodeURIComponent(profile.kind === 'slug' ? profile.profileId : profile.memberId)}`;
}

export function placeAccountId(
	requestOptions: IHttpRequestOptions,
	accountId: string,
): IHttpRequestOptions {
	if (accountId === '') return requestOptions;
	const url = requestOptions.url ?? '';
	if (url.startsWith(RELATIONSHIP_PATH)) {
		return {
			...requestOptions,
			url: `${RELATIONSHIP_PATH}${accountId}/${url.slice(RELATIONSHIP_PATH.length)}`,
		};
	}
	if ((requestOptions.method ?? 'GET') === 'GET') {
		return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), accountId } };
	}
	return {
		...requestOptions,
		body: { ...((requestOptions.body as IDataObject) ?? {}), accountId },
	};
}

export function pruneEmpty(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const body = requestOptions.body as IDataObject | undefined;
	if (body === undefined || body === null || typeof body !== 'object') return requestOptions;
	const kept = Object.fromEntries(
		Object.entries(body).filter(
			([, value]) =>
				value !== undefined &&
				value !== null &&
				!(typeof value === 'string' && value.trim() === ''),
		),
	);
	return { ...requestOptions, body: kept };
}

/** A LinkedIn account ID in ConnectSafely: 24 hexadecimal characters. */
export const ACCOUNT_ID = /^[0-9a-fA-F]{24}$/;

/** Why an account ID cannot be used, or undefined when it can ('' is the workspace default account). */
export function accountIdProblem(
	accountId: unknown,
): { message: string; description: string } | undefined {
	const description =
		'Pick the account from the list, or leave the field empty to use the workspace default account.';
	if (typeof accountId !== 'string')
		return {
			message: `"LinkedIn Account" expects text, got ${typeName(accountId)}`,
			description,
		};
	if (accountId === '' || ACCOUNT_ID.test(accountId)) return undefined;
	return {
		message: `"LinkedIn Account" must be a 24-character hexadecimal account ID, got "${accountId.slice(0, 40)}"`,
		description,
	};
}
