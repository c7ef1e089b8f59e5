// Fields several operations (and the trigger) share, defined once, and the LinkedIn Account picker's list.
import type { ILoadOptionsFunctions, INodeListSearchResult, INodeProperties } from 'n8n-workflow';

import { send } from '../request/api';
import { isObject } from '../values/text';
import { AS_TOOL } from '../values/tool';

export const NODE_DESCRIPTION =
	'Answer LinkedIn invitations, send connection requests and messages safely, and list connections';

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

/** The person an operation acts on, typed or mapped (Withdraw and Message → Send adapt it). */
export const profileField: INodeProperties = {
	displayName: 'Profile',
	name: 'profile',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. https://www.linkedin.com/in/john-doe-123',
	description:
		'The person: a LinkedIn profile URL, vanity name (john-doe-123) or member URN (urn:li:fsd_profile:ACoA…)',
};

const ITEM_SLUG =
	'$json.profileUrl || $json.vanityName || $json.profile?.publicIdentifier || $json.profile?.profileUrl || $json.profileId';
const ITEM_URN = '$json.profileUrn || $json.memberUrn';
const FROM_ANY_ITEM = 'a finder, connection, invitation or write result';

/**
 * The person of the incoming item, whatever produced it (a finder, a connection, an invitation, a write's output),
 * URN first: the endpoints that take a member URN (a write by URN spends no profile view). One object, so that n8n
 * holds one parameter for all of them.
 */
export const personField: INodeProperties = {
	...profileField,
	default: `={{ ${ITEM_URN} || ${ITEM_SLUG} || $json.memberId }}`,
	description: `The person: a LinkedIn profile URL, vanity name or member URN. ${fromItem(FROM_ANY_ITEM)}`,
};

/** The person of the incoming item by vanity name first: the endpoints that take no URN (Get Status, Profile → Get). */
export const personBySlugField: INodeProperties = {
	...profileField,
	default: `={{ ${ITEM_SLUG} || ${ITEM_URN} || $json.memberId }}`,
	description: `The person: a LinkedIn profile URL or vanity name (a member URN alone is not enough here). ${fromItem(FROM_ANY_ITEM)}`,
};

/** Where a field's default comes from: a field of the incoming item (`source`), or, as an AI tool, the model. */
export function fromItem(source: string): string {
	return `By default from the incoming item (${source}); ${AS_TOOL}.`;
}

/** A text field filled from the incoming item, sent as the body property `property` (the write checks its type). */
export function fromItemField(
	displayName: string,
	name: string,
	expression: string,
	description: string,
	property: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'string',
		default: `={{ ${expression} }}`,
		description,
		routing: { send: { type: 'body', property } },
	};
}

/** On Quota Exhausted: writes and the reads that spend a daily quota (a list keeps what it read). */
export const quotaExhaustedOption: INodeProperties = {
	displayName: 'On Quota Exhausted',
	name: 'onQuotaExhausted',
	type: 'options',
	options: [
		{
			name: 'Fail the Item',
			value: 'fail',
			description: 'Stop with an error that gives the reset time and any hold end',
		},
		{
			name: 'Skip Remaining Items',
			value: 'skipRemaining',
			description:
				'Output unsent items with status "skipped" and a resumeAfter time, so the next run can pick them up',
		},
	],
	default: 'fail',
	description:
		'What to do when ConnectSafely reports the quota for this action used up or the account on hold. No further request of that action is sent in this execution either way.',
};

export const writeOptions: INodeProperties[] = [
	{
		displayName: 'Delay Between Requests',
		name: 'delayBetweenRequests',
		type: 'fixedCollection',
		placeholder: 'Add Delay',
		default: {},
		description:
			'A random pause between consecutive requests of this node, on top of the automatic pacing under ConnectSafely’s limits',
		options: [
			{
				displayName: 'Range',
				name: 'values',
				values: [
					{
						displayName: 'Min (Seconds)',
						name: 'minSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 20,
					},
					{
						displayName: 'Max (Seconds)',
						name: 'maxSeconds',
						type: 'number',
						typeOptions: { minValue: 0 },
						default: 60,
					},
				],
			},
		],
	},
	quotaExhaustedOption,
];

export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** The Options of a write that has none of its own (Ignore, Withdraw). */
export const writeOptionsField = optionsCollection(writeOptions);

/** The LinkedIn Account picker (the node's and the trigger's resource locator list). */
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
