import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { profileField, profileFromParameter, readOne, relationshipPath } from '../../shared';

const properties: INodeProperties[] = [
	profileField({ description: 'The person to check: a LinkedIn profile URL, vanity name (john-doe-123) or member URN (urn:li:fsd_profile:ACoA…)' }),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['connection'], operation: ['getStatus'] } },
	properties,
);

export async function prepareGetStatus(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, url: relationshipPath(profileFromParameter(this)) };
}

const readStatus = readOne('Get connection status', 'relationship');

export async function getStatus(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const items = await readStatus.call(this, requestData);
	const profileId = decodeURIComponent(String(requestData.options.url).split('/').pop() ?? '');
	return items.map((item) => ({ ...item, json: { ...item.json, profileId } }));
}
