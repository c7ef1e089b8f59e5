import type {
	DeclarativeRestApiSettings,
	IExecutePaginationFunctions,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeExecutionData,
} from 'n8n-workflow';

import {
	profileField,
	profileFromParameter,
	readOne,
	relationshipPath,
	type Operation,
} from '../../shared';

async function prepareGetStatus(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	return { ...requestOptions, url: relationshipPath(profileFromParameter(this)) };
}

const readStatus = readOne('Get connection status', 'relationship');

async function getStatus(
	this: IExecutePaginationFunctions,
	requestData: DeclarativeRestApiSettings.ResultOptions,
): Promise<INodeExecutionData[]> {
	const items = await readStatus.call(this, requestData);
	const profileId = decodeURIComponent(String(requestData.options.url).split('/').pop() ?? '');
	return items.map((item) => ({ ...item, json: { ...item.json, profileId } }));
}

export const operation: Operation = {
	option: {
		name: 'Get Status',
		value: 'getStatus',
		action: 'Get connection status',
		description: 'Check whether the account is connected to a person or has an invitation pending',
		routing: {
			request: { method: 'GET', url: '/relationship' },
			send: { preSend: [prepareGetStatus], paginate: true },
			operations: { pagination: getStatus },
		},
	},
	fields: [profileField],
};
