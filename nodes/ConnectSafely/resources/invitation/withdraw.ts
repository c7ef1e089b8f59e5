import type { IDataObject, INodeProperties } from 'n8n-workflow';

import {
	fromItem,
	fromItemField,
	profileField,
	writeOptionsField,
} from '../../shared/descriptions/fields';
import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { emptyError, profileParameter, textParameter } from '../../shared/errors/input';
import type { AnswerRule } from '../../shared/errors/messages';
import {
	isProfileProblem,
	parseProfile,
	personIds,
	profileBody,
	type ProfileRef,
} from '../../shared/values/profile';
import { withdrawnPerson } from '../../shared/write/people';
import type { Job, WriteInput } from '../../shared/write/job';
import { alreadyHandled, personOf } from './respond';

const FROM_ITEM = fromItem('Get Many Sent');

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

const NO_PENDING =
	/\bno (?:such |matching )?pending\b|\bnot pending\b|\bno (?:such |matching )?invitation\b|\binvitation (?:was )?not found\b|\bnothing to withdraw\b/i;

export const rules: AnswerRule[] = [
	alreadyHandled,
	{
		when: (text) => NO_PENDING.test(text),
		description:
			'There is no pending invitation for this person: it was probably already accepted, ignored or withdrawn. Nothing needs doing; to let the workflow go on for such items, turn on the node setting On Error → Continue.',
	},
];

const OPTIONAL: Array<[key: string, label: string]> = [
	['invitationId', 'Invitation ID'],
	['memberId', 'Member ID'],
	['firstName', 'First Name'],
	['lastName', 'Last Name'],
];

interface Input extends WriteInput {
	profile: ProfileRef;
}

function input(ctx: Parameters<typeof textParameter>[0], request: WriteInput['request']): Input {
	const body = { ...(request.body as IDataObject) };
	const raw = ctx.getNodeParameter('profile', '');
	const memberId = typeof body.memberId === 'string' ? body.memberId.trim() : '';
	const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
	const fallback = blank ? parseProfile(memberId) : undefined;
	if (fallback && isProfileProblem(fallback)) {
		throw emptyError(
			ctx,
			'"Profile" is empty and there is no "Member ID" to fall back on',
			'Withdraw needs the invited person. It usually comes from the incoming Get Many Sent item (profile.publicIdentifier or memberId); connect this node after Get Many Sent or set Profile yourself.',
		);
	}
	const profile = fallback ?? profileParameter(ctx, raw);
	for (const [key, label] of OPTIONAL)
		if (body[key] !== undefined) body[key] = textParameter(ctx, label, body[key]);
	const who = { ...profileBody(profile), ...personOf(ctx, body.memberId, body) };
	return { request: { ...request, body: { ...body, ...profileBody(profile) } }, profile, who };
}

/** The person may not be invited again for LinkedIn's cooldown: Send Request skips them as `withdrawn`. */
function after(job: Job<Input>): void {
	const body = job.input.request.body as IDataObject;
	const member =
		typeof body.memberId === 'string' && body.memberId !== '' ? [`member:${body.memberId}`] : [];
	withdrawnPerson(job.scope, [...personIds(job.input.profile), ...member]);
}

export const operation: Operation = {
	option: {
		name: 'Withdraw',
		value: 'withdraw',
		action: 'Withdraw a sent invitation',
		description: 'Take back a pending connection invitation the account sent',
		routing: writeRouting(
			{ method: 'POST', url: '/invitations/withdraw' },
			{
				label: 'Withdraw invitation',
				action: 'WITHDRAW',
				status: 'withdrawn',
				rules,
				input,
				after,
			},
		),
	},
	fields: properties,
};
