import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import {
	alreadyConnected,
	decideConnect,
	fitMessage,
	inputError,
	itemParameter,
	optionsCollection,
	writeOptions,
	profileBody,
	profileField,
	profileFromParameter,
	prepareConnect,
	writeRouting,
	type LongMessagePolicy,
	type Operation,
} from '../../shared';

const properties: INodeProperties[] = [
	profileField,
	{
		displayName: 'Message',
		name: 'message',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Hi Jane, loved your talk on pricing. Would be great to connect.',
		description:
			'Optional personal note sent with the request. LinkedIn allows 300 characters (200 on free accounts).',
	},
	optionsCollection([
		...writeOptions,
		{
			displayName: 'Skip If Connected or Pending',
			name: 'skipIfConnectedOrPending',
			type: 'boolean',
			default: true,
			description:
				'Whether to check the relationship first and not send when already connected, an invitation is pending, or they invited you (one extra read per item; saves weekly quota)',
		},
		{
			displayName: 'Message Limit',
			name: 'messageLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: 300,
			description:
				'Maximum note length in characters. LinkedIn allows 300 on premium accounts and 200 on free ones.',
		},
		{
			displayName: 'On Long Message',
			name: 'onLongMessage',
			type: 'options',
			options: [
				{
					name: 'Fail the Item',
					value: 'error',
					description: 'Do not send; report the length and the limit',
				},
				{
					name: 'Send Without Note',
					value: 'omit',
					description: 'Send the connection request with no note',
				},
				{
					name: 'Truncate',
					value: 'truncate',
					description: 'Cut the note at the last word that fits',
				},
			],
			default: 'error',
			description: 'What to do when the message is longer than the limit',
		},
	]),
];

export const operation: Operation = {
	option: {
		name: 'Send Request',
		value: 'sendRequest',
		action: 'Send a connection request',
		description: 'Invite a person to connect, optionally with a personal note',
		routing: writeRouting({ method: 'POST', url: '/connect' }, [prepareSendRequest], {
			label: 'Send connection request',
			action: 'CONNECT',
			status: 'sent',
			prepare: prepareConnect,
			decide: decideConnect,
			already: alreadyConnected,
			output: noteOutput,
		}),
	},
	fields: properties,
};

/** The note as it is sent, from Message and the note options (the same for the request and the output). */
function noteOf(ctx: IExecuteSingleFunctions) {
	const options = itemParameter(ctx, 'options', {}) as IDataObject;
	return fitMessage(
		itemParameter(ctx, 'message', ''),
		(options.messageLimit as number | undefined) ?? 300,
		(options.onLongMessage as LongMessagePolicy | undefined) ?? 'error',
	);
}

async function prepareSendRequest(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const profile = profileFromParameter(this);
	const fitted = noteOf(this);
	if ('problem' in fitted) throw inputError(this, `"Message": ${fitted.problem}`, fitted.hint);
	const body: IDataObject = {
		...((requestOptions.body as IDataObject) ?? {}),
		...profileBody(profile),
	};
	if (fitted.message !== undefined) body.customMessage = fitted.message;
	return { ...requestOptions, body };
}

/** Tells the user when the note was cut or left out (On Long Message: Truncate or Send Without Note). */
function noteOutput(ctx: IExecuteSingleFunctions): IDataObject {
	const fitted = noteOf(ctx);
	if ('problem' in fitted) return {};
	return {
		...(fitted.truncated ? { messageTruncated: true } : {}),
		...(fitted.omitted ? { messageOmitted: true } : {}),
	};
}
