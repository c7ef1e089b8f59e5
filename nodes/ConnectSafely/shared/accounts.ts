import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { isObject } from './text';
import { callApi, checkAnswer, type ApiCall } from './transport';

export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const call: ApiCall = { label: 'Listing LinkedIn accounts', write: false };
	const answer = await callApi(
		this,
		{ method: 'GET', url: '/accounts', qs: filter ? { q: filter } : {} },
		call,
	);
	checkAnswer(this, answer, call, 'accounts');
	return {
		results: (answer.body as unknown[]).filter(isObject).map((account) => ({
			name: [
				`${String(account.firstName ?? '')} ${String(account.lastName ?? '')}`.trim(),
				account.publicId,
			]
				.filter(Boolean)
				.join(' · '),
			value: String(account.id),
			url: account.publicId
				? `https://www.linkedin.com/in/${encodeURIComponent(String(account.publicId))}`
				: undefined,
		})),
	};
}
