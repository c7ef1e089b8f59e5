// The LinkedIn Account picker (the node's and the trigger's resource locator list).
import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { send } from '../request/api';
import { isObject } from '../values/text';

export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { answer } = await send(
		this,
		{ method: 'GET', url: '/accounts', qs: filter ? { q: filter } : {} },
		{
			label: 'Listing LinkedIn accounts',
			write: false,
			shape: 'accounts',
			kind: 'account',
			account: '',
		},
	);
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
