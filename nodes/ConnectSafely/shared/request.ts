import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { ProfileRef } from './profile';

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
		return { ...requestOptions, url: `${RELATIONSHIP_PATH}${accountId}/${url.slice(RELATIONSHIP_PATH.length)}` };
	}
	if ((requestOptions.method ?? 'GET') === 'GET') {
		return { ...requestOptions, qs: { ...(requestOptions.qs ?? {}), accountId } };
	}
	return { ...requestOptions, body: { ...((requestOptions.body as IDataObject) ?? {}), accountId } };
}

export function pruneEmpty(requestOptions: IHttpRequestOptions): IHttpRequestOptions {
	const body = requestOptions.body as IDataObject | undefined;
	if (body === undefined || body === null || typeof body !== 'object') return requestOptions;
	const kept = Object.fromEntries(
		Object.entries(body).filter(
			([, value]) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === ''),
		),
	);
	return { ...requestOptions, body: kept };
}
