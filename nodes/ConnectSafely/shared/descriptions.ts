import type { INodeProperties } from 'n8n-workflow';

export const accountIdField: INodeProperties = {
	displayName: 'LinkedIn Account',
	name: 'accountId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The LinkedIn account to act through. Leave empty to use the workspace default account.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Workspace default account',
			typeOptions: {
				searchListMethod: 'searchAccounts',
				searchable: true,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 64f1a2b3c4d5e6f7a8b9c0d1',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^[0-9a-fA-F]{24}$',
						errorMessage: 'An account ID is 24 hexadecimal characters',
					},
				},
			],
		},
	],
};

export const listFields: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1 },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
];

export function profileField(overrides: Partial<INodeProperties> = {}): INodeProperties {
	return {
		displayName: 'Profile',
		name: 'profile',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. https://www.linkedin.com/in/john-doe-123',
		description:
			'A LinkedIn profile URL, vanity name (john-doe-123) or member URN (urn:li:fsd_profile:ACoA…)',
		...overrides,
	};
}

export function fromItemField(
	displayName: string,
	name: string,
	expression: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ ${expression} }}`,
		description,
	};
}
