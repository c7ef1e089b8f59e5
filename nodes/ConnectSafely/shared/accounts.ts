import type { IDataObject, ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

export function baseUrlOf(credentials: IDataObject): string {
	return String(credentials.baseUrl ?? '').replace(/\/+$/, '');
}

export async function searchAccounts(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const credentials = await this.getCredentials('connectSafelyApi');
	const accounts = (await this.helpers.httpRequestWithAuthentication.call(this, 'connectSafelyApi', {
		method: 'GET',
		url: `${baseUrlOf(credentials)}/accounts`,
		qs: filter ? { q: filter } : {},
		json: true,
	})) as IDataObject[];
	return {
		results: (Array.isArray(accounts) ? accounts : []).map((account) => ({
			name: [`${account.firstName ?? ''} ${account.lastName ?? ''}`.trim(), account.publicId]
				.filter(Boolean)
				.join(' · '),
			value: String(account.id),
			url: account.publicId ? `https://www.linkedin.com/in/${String(account.publicId)}` : undefined,
		})),
	};
}
