import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { fromItemField } from './descriptions';
import { alreadyHandled, type WriteSpec } from './execution';
import { writeRouting, type Operation, type OperationText } from './operations';
import { inputError, requireFields, textParameter } from './routing';
import { itemParameter } from './writeGate';

export const CONNECTION_INVITATION_TYPE = 'GenericInvitationType_CONNECTION';

const FROM_ITEM = 'Filled from the incoming item (Get Many Received or the ConnectSafely Trigger).';

export const responseFields: INodeProperties[] = [
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
	fromItemField(
		'Invitation Type',
		'invitationType',
		'$json.linkedInInvitationType',
		`LinkedIn invitation type, e.g. GenericInvitationType_CONNECTION. ${FROM_ITEM}`,
		'linkedInInvitationType',
	),
	fromItemField(
		'First Name',
		'firstName',
		'$json.profile?.firstName',
		`First name of the person who sent the invitation. ${FROM_ITEM}`,
		'firstName',
	),
	fromItemField(
		'Last Name',
		'lastName',
		'$json.profile?.lastName',
		`Last name of the person who sent the invitation. ${FROM_ITEM}`,
		'lastName',
	),
	fromItemField(
		'Member ID',
		'memberId',
		'$json.memberId',
		`Member ID (ACoA…) of the person who sent the invitation; needed for connection invitations. ${FROM_ITEM}`,
		'profileId',
	),
];

const SOURCE = 'the incoming item of Get Many Received or the ConnectSafely Trigger';

const checkRequired = requireFields([
	{ key: 'invitationId', label: 'Invitation ID', source: `${SOURCE} (field invitationId)` },
	{
		key: 'validationToken',
		label: 'Validation Token',
		source: `${SOURCE} (field validationToken)`,
	},
	{
		key: 'linkedInInvitationType',
		label: 'Invitation Type',
		source: `${SOURCE} (field linkedInInvitationType)`,
	},
	{ key: 'firstName', label: 'First Name', source: `${SOURCE} (field profile.firstName)` },
	{ key: 'lastName', label: 'Last Name', source: `${SOURCE} (field profile.lastName)` },
]);

export async function prepareResponse(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	await checkRequired.call(this, requestOptions);
	const body = requestOptions.body as IDataObject;
	const isConnection = body.linkedInInvitationType === CONNECTION_INVITATION_TYPE;
	if (body.action === 'ACCEPT' && !isConnection) {
		const options = itemParameter(this, 'options', {}) as IDataObject;
		if (options.allowNonConnection !== true) {
			throw inputError(
				this,
				`Refusing to accept a ${String(body.linkedInInvitationType)} invitation`,
				'Accepting a page, newsletter, event or follow invitation subscribes the LinkedIn account and cannot be undone here. Turn on Options → Allow Non-Connection Invitations to accept it anyway, or filter Get Many Received to the Connection category.',
			);
		}
	}
	if (body.profileId !== undefined)
		body.profileId = textParameter(this, 'Member ID', body.profileId);
	if (isConnection && (body.profileId === undefined || body.profileId === '')) {
		throw inputError(
			this,
			'"Member ID" is empty',
			`Connection invitations need the inviter's member ID (ACoA…). It usually comes from ${SOURCE} (field memberId).`,
		);
	}
	return requestOptions;
}

export interface ResponseSpec {
	option: OperationText;
	/** Method, URL and fixed body: what ConnectSafely is asked to do with the invitation. */
	request: DeclarativeRestApiSettings.HttpRequestOptions;
	/** Names the operation in errors ("Accept invitation failed: …"), its rate-limit action, its output `status`. */
	write: Omit<WriteSpec, 'already'>;
	/** The operation's Options collection. */
	options: INodeProperties;
}

/** Accept or Ignore: a received invitation's fields from the incoming item, checked, then `request`. */
export function invitationResponse({ option, request, write, options }: ResponseSpec): Operation {
	return {
		option: {
			...option,
			routing: writeRouting(request, [prepareResponse], { ...write, already: alreadyHandled }),
		},
		fields: [...responseFields, options],
	};
}
