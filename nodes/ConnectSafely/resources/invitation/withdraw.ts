import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	alreadyHandled,
	fromItemField,
	inputError,
	isProfileProblem,
	parseProfile,
	profileBody,
	profileField,
	writeOptionsField,
	writeRouting,
	type Operation,
} from '../../shared';

const FROM_ITEM = 'Filled from the incoming item (Get Many Sent).';

const properties: INodeProperties[] = [
	{
		...profileField,
		default: '={{ $json.profile?.publicIdentifier }}',
		description: `The invited person: a LinkedIn profile URL, vanity name or member URN. ${FROM_ITEM}`,
	},
	fromItemField(
		'Invitation ID',
		'invitationId',
		'$json.invitationId',
		`ID of the sent invitation. ${FROM_ITEM}`,
		'invitationId',
	),
	fromItemField(
		'Member ID',
		'memberId',
		'$json.memberId',
		`Member ID (ACoA…) of the invited person. ${FROM_ITEM}`,
		'memberId',
	),
	fromItemField(
		'First Name',
		'firstName',
		'$json.profile?.firstName',
		`First name of the invited person. ${FROM_ITEM}`,
		'firstName',
	),
	fromItemField(
		'Last Name',
		'lastName',
		'$json.profile?.lastName',
		`Last name of the invited person. ${FROM_ITEM}`,
		'lastName',
	),
	writeOptionsField,
];

export const operation: Operation = {
	option: {
		name: 'Withdraw',
		value: 'withdraw',
		action: 'Withdraw a sent invitation',
		description: 'Take back a pending connection invitation the account sent',
		routing: writeRouting({ method: 'POST', url: '/invitations/withdraw' }, [prepareWithdraw], {
			label: 'Withdraw invitation',
			action: 'WITHDRAW',
			status: 'withdrawn',
			already: alreadyHandled,
		}),
	},
	fields: properties,
};

async function prepareWithdraw(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const body = requestOptions.body as IDataObject;
	const raw = this.getNodeParameter('profile', '');
	const memberId = typeof body.memberId === 'string' ? body.memberId.trim() : '';
	const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
	const parsed = parseProfile(blank && memberId !== '' ? memberId : raw);
	if (isProfileProblem(parsed)) {
		throw inputError(
			this,
			blank
				? '"Profile" is empty and there is no "Member ID" to fall back on'
				: `Invalid "Profile": ${parsed.problem}`,
			blank
				? 'Withdraw needs the invited person. It usually comes from the incoming Get Many Sent item (profile.publicIdentifier or memberId); connect this node after Get Many Sent or set Profile yourself.'
				: parsed.hint,
		);
	}
	return { ...requestOptions, body: { ...body, ...profileBody(parsed) } };
}
