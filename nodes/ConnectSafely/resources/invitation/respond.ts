// Accept and Ignore: a received invitation answered, with its fields filled from the incoming item.
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { fromItem, fromItemField } from '../../shared/descriptions/fields';
import {
	writeRouting,
	type Operation,
	type OperationText,
} from '../../shared/descriptions/operations';
import { emptyError, inputError, textParameter } from '../../shared/errors/input';
import type { AnswerRule } from '../../shared/errors/messages';
import { isObject } from '../../shared/values/text';
import type { WriteInput, WriteSpec } from '../../shared/write/job';

export const CONNECTION_INVITATION_TYPE = 'GenericInvitationType_CONNECTION';

const FROM_ITEM = fromItem('Get Many Received or the ConnectSafely Trigger');
const SOURCE = 'the incoming item of Get Many Received or the ConnectSafely Trigger';

const responseFields: INodeProperties[] = [
	{
		...fromItemField(
			'Invitation ID',
			'invitationId',
			'$json.invitationId',
			`ID of the received invitation. ${FROM_ITEM}`,
			'invitationId',
		),
		required: true,
	},
	{
		...fromItemField(
			'Validation Token',
			'validationToken',
			'$json.validationToken',
			`Token LinkedIn issued with the invitation. ${FROM_ITEM}`,
			'validationToken',
		),
		required: true,
	},
	{
		...fromItemField(
			'Invitation Type',
			'invitationType',
			'$json.linkedInInvitationType',
			`LinkedIn invitation type, e.g. GenericInvitationType_CONNECTION. ${FROM_ITEM}`,
			'linkedInInvitationType',
		),
		required: true,
	},
	{
		...fromItemField(
			'First Name',
			'firstName',
			'$json.profile?.firstName',
			`First name of the person who sent the invitation. ${FROM_ITEM}`,
			'firstName',
		),
		required: true,
	},
	{
		...fromItemField(
			'Last Name',
			'lastName',
			'$json.profile?.lastName',
			`Last name of the person who sent the invitation. ${FROM_ITEM}`,
			'lastName',
		),
		required: true,
	},
	fromItemField(
		'Member ID',
		'memberId',
		'$json.memberId',
		`Member ID (ACoA…) of the person who sent the invitation; needed for connection invitations. ${FROM_ITEM}`,
		'profileId',
	),
];

/** Body properties that must not be empty, with the label and the item field they usually come from. */
const REQUIRED: Array<[key: string, label: string, field: string]> = [
	['invitationId', 'Invitation ID', 'invitationId'],
	['validationToken', 'Validation Token', 'validationToken'],
	['linkedInInvitationType', 'Invitation Type', 'linkedInInvitationType'],
	['firstName', 'First Name', 'profile.firstName'],
	['lastName', 'Last Name', 'profile.lastName'],
];

const HANDLED = /\balready (?:been )?(?:handled|accepted|ignored|declined|withdrawn|responded)\b/i;
const UNCLEAR = /\bor\b|\bnot found\b|\bno longer\b|\bdoes not exist\b/i;
const GONE =
	/\balready\b|\bexpired\b|\bnot found\b|\bno longer\b|\bdoes not exist\b|\bno (?:such |matching )?(?:pending )?invitation\b/i;

/** Skipped only when ConnectSafely clearly says the invitation was already handled. */
export const alreadyHandled: AnswerRule = {
	when: (text) => HANDLED.test(text) && !UNCLEAR.test(text),
	skip: 'alreadyHandled',
};

function rulesFor(verb: string): AnswerRule[] {
	return [
		alreadyHandled,
		{
			when: (text) => GONE.test(text),
			description: `The invitation was already answered, has expired or is gone, so nothing was ${verb}. Answer the ones Get Many Received lists now; to let the workflow go on for such items, set On Error → Continue.`,
		},
	];
}

function input(
	ctx: Parameters<typeof textParameter>[0],
	request: WriteInput['request'],
	options: IDataObject,
): WriteInput {
	const body = { ...(request.body as IDataObject) };
	for (const [key, label, field] of REQUIRED) {
		const value = textParameter(ctx, label, body[key]);
		if (value === '') {
			throw emptyError(
				ctx,
				`"${label}" is empty`,
				`It usually comes from ${SOURCE} (field ${field}). Connect this node after that node, or set "${label}" yourself.`,
			);
		}
		body[key] = value;
	}
	const isConnection = body.linkedInInvitationType === CONNECTION_INVITATION_TYPE;
	if (body.action === 'ACCEPT' && !isConnection && options.allowNonConnection !== true) {
		throw inputError(
			ctx,
			`Refusing to accept a ${String(body.linkedInInvitationType)} invitation`,
			'Accepting a page, newsletter, event or follow invitation subscribes the LinkedIn account and cannot be undone here. Turn on Options → Allow Non-Connection Invitations to accept it anyway, or filter Get Many Received to the Connection category.',
		);
	}
	if (body.profileId !== undefined)
		body.profileId = textParameter(ctx, 'Member ID', body.profileId);
	if (isConnection && (body.profileId === undefined || body.profileId === '')) {
		throw emptyError(
			ctx,
			'"Member ID" is empty',
			`Connection invitations need the inviter's member ID (ACoA…). It usually comes from ${SOURCE} (field memberId).`,
		);
	}
	return { request: { ...request, body }, who: personOf(ctx, body.profileId, body) };
}

/**
 * The person a write acted on, in the field names the invitation lists use (`memberId`, `profile`): the incoming
 * item's profile with the names the request carried, so that the next node (Message → Send) needs no field.
 */
export function personOf(
	ctx: Parameters<typeof textParameter>[0],
	memberId: unknown,
	names: IDataObject,
): IDataObject {
	const incoming = ctx.getInputData().json.profile;
	const profile: IDataObject = { ...(isObject(incoming) ? incoming : {}) };
	if (typeof names.firstName === 'string') profile.firstName = names.firstName;
	if (typeof names.lastName === 'string') profile.lastName = names.lastName;
	return {
		...(typeof memberId === 'string' && memberId !== '' ? { memberId } : {}),
		...(Object.keys(profile).length > 0 ? { profile } : {}),
	};
}

export interface ResponseSpec {
	option: OperationText;
	/** Method, URL and fixed body: what ConnectSafely is asked to do with the invitation. */
	request: { method: 'POST'; url: string; body: IDataObject };
	/** Names the operation in errors, its rate-limit action, its output `status`, what was (not) done. */
	write: Pick<WriteSpec<WriteInput>, 'label' | 'action' | 'status'> & { verb: string };
	/** The operation's Options collection. */
	options: INodeProperties;
}

/** Accept or Ignore: a received invitation's fields from the incoming item, checked, then `request`. */
export function invitationResponse({ option, request, write, options }: ResponseSpec): Operation {
	const { verb, ...spec } = write;
	return {
		option: {
			...option,
			routing: writeRouting(request, { ...spec, rules: rulesFor(verb), input }),
		},
		fields: [...responseFields, options],
	};
}
