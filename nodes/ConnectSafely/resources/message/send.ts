import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import { optionsCollection, profileField, writeOptions } from '../../shared/descriptions/fields';
import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, profileParameter, textParameter } from '../../shared/errors/input';
import type { AnswerRule } from '../../shared/errors/messages';
import { personIds, type ProfileRef } from '../../shared/values/profile';
import type { Job, WriteInput } from '../../shared/write/job';

const FROM_ITEM =
	'Filled from the incoming item: a connection (New Connection, Get Many Connections), an invitation, a Get Status, Send Request or Accept result.';

const properties: INodeProperties[] = [
	{
		...profileField,
		displayName: 'Recipient',
		default:
			'={{ $json.profileUrl || $json.vanityName || $json.profile?.publicIdentifier || $json.profile?.profileUrl || $json.profileId || $json.profileUrn || $json.memberId }}',
		description: `The recipient: a LinkedIn profile URL, vanity name or member URN. ${FROM_ITEM}`,
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{ $json.firstName }}, thanks for connecting!',
		description: 'The message. An expression can personalise it with fields of the incoming item.',
	},
	optionsCollection([
		...writeOptions,
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options: [
				{
					name: 'Normal',
					value: 'normal',
					description: 'A direct message; 1st-degree connections only',
				},
				{
					name: 'InMail',
					value: 'inmail',
					description: 'To people outside your network; uses Premium InMail credits',
				},
			],
			default: 'normal',
			description: 'How the message is delivered',
		},
		{
			displayName: 'Subject',
			name: 'subject',
			type: 'string',
			default: '',
			placeholder: 'e.g. Quick question about your talk',
			description: 'Subject line of an InMail',
			displayOptions: { show: { messageType: ['inmail'] } },
		},
		{
			displayName: 'Group ID',
			name: 'groupId',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1234567',
			description: 'Message a fellow member of this LinkedIn group (who need not be a connection)',
		},
		{
			displayName: 'On Not Connected',
			name: 'onNotConnected',
			type: 'options',
			options: [
				{
					name: 'Fail the Item',
					value: 'fail',
					description: 'Report that the recipient is not a connection',
				},
				{
					name: 'Skip',
					value: 'skip',
					description: 'Output the item with status "skipped" and reason "notConnected"',
				},
			],
			default: 'fail',
			description:
				'What to do when a normal message goes to someone who is not a 1st-degree connection',
		},
		{
			displayName: 'Send Again to the Same Person',
			name: 'allowRepeat',
			type: 'boolean',
			default: false,
			description:
				'Whether to send every item, even when the same person comes in more than once in one run (by default the first one is sent and the others are skipped as "duplicate")',
		},
	]),
];

const NOT_CONNECTED =
	/\bnot (?:a )?(?:1st[- ]degree |first[- ]degree )?connect(?:ed|ion)\b|\bnot in your network\b/i;

function rulesFor(onNotConnected: unknown): AnswerRule[] {
	return onNotConnected === 'skip'
		? [{ when: (text) => NOT_CONNECTED.test(text), skip: 'notConnected' }]
		: [
				{
					when: (text) => NOT_CONNECTED.test(text),
					description:
						'A normal message goes to 1st-degree connections only. Set Options → Message Type to InMail to reach people outside your network (uses Premium credits), or set Options → On Not Connected to Skip to let the workflow go on.',
				},
			];
}

interface Input extends WriteInput {
	profile: ProfileRef;
	repeat: boolean;
}

function optionText(ctx: IExecuteSingleFunctions, label: string, value: unknown): IDataObject {
	const text = textParameter(ctx, label, value);
	return text === '' ? {} : { [label === 'Subject' ? 'subject' : 'groupId']: text };
}

function input(
	ctx: IExecuteSingleFunctions,
	request: Input['request'],
	options: IDataObject,
): Input {
	const profile = profileParameter(ctx, undefined, 'Recipient');
	const message = textParameter(ctx, 'Text', ctx.getNodeParameter('text', ''));
	if (message === '') {
		throw inputError(
			ctx,
			'"Text" is empty',
			'Write the message in Text, e.g. Hi {{ $json.firstName }}, thanks for connecting! An expression pointing at a field the incoming item does not have gives an empty text.',
		);
	}
	const messageType = options.messageType === 'inmail' ? 'inmail' : 'normal';
	const recipient =
		profile.kind === 'slug'
			? { recipientProfileId: profile.profileId }
			: { recipientProfileUrn: profile.profileUrn };
	const body = {
		...(request.body as IDataObject),
		...recipient,
		message,
		messageType,
		...(messageType === 'inmail' ? optionText(ctx, 'Subject', options.subject) : {}),
		...optionText(ctx, 'Group ID', options.groupId),
	};
	const who =
		profile.kind === 'slug' ? { profileId: profile.profileId } : { profileUrn: profile.profileUrn };
	return {
		request: { ...request, body },
		who,
		profile,
		repeat: options.allowRepeat === true,
		rules: rulesFor(options.onNotConnected),
	};
}

/** The same person twice in one run (say, the trigger and a list both feed the node) gets one message. */
async function before(job: Job<Input>): Promise<IDataObject | undefined> {
	const first = job.firstInRun(personIds(job.input.profile));
	return first || job.input.repeat ? undefined : { reason: 'duplicate' };
}

export const operation: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description: 'Send a LinkedIn message to a connection, or an InMail to anyone',
		routing: writeRouting(
			{ method: 'POST', url: '/message' },
			{ label: 'Send message', action: 'MESSAGE', status: 'sent', input, before },
		),
	},
	fields: properties,
};
