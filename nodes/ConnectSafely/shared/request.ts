import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

const RELATIONSHIP_PATH = '/relationship/';

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
