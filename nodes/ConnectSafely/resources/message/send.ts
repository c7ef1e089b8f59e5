import type { IDataObject, IExecuteSingleFunctions, INodeProperties } from 'n8n-workflow';

import {
	fromItem,
	optionsCollection,
	personField,
	writeOptions,
} from '../../shared/descriptions/fields';
import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { emptyError, inputError, profileParameter, textParameter } from '../../shared/errors/input';
import type { AnswerRule } from '../../shared/errors/messages';
import { isConversationUrn } from '../../shared/values/conversation';
import { parseProfile, personIds, profileBody } from '../../shared/values/profile';
import type { ApiRequest } from '../../shared/request/transport';
import { AS_TOOL } from '../../shared/values/tool';
import type { Job } from '../../shared/write/job';
import { repliedSkip, type Recipient } from './replied';

const FROM_ITEM = fromItem(
	'a connection from New Connection or Get Many Connections, a conversation, a finder, an invitation, a Get Status, Send Request or Accept result',
);

const properties: INodeProperties[] = [
	{
		...personField,
		displayName: 'Recipient',
		description: `The recipient: a LinkedIn profile URL, vanity name or member URN. ${FROM_ITEM}`,
	},
	{
		displayName: 'Conversation URN',
		name: 'conversationUrn',
		type: 'string',
		default: '={{ $json.conversationUrn }}',
		placeholder: 'e.g. urn:li:msg_conversation:(urn:li:fsd_profile:ACoA…,2-…)',
		description: `A thread to reply in; when set, the message goes into that thread (a reply: not counted against the new-conversation quota). Leave empty to message the recipient. ${fromItem('Conversation → Get Many or Get Messages, the trigger’s New Message')}`,
	},
	{
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		placeholder: 'e.g. Hi {{ $json.firstName }}, thanks for connecting!',
		description: `The message. An expression can personalise it with fields of the incoming item; ${AS_TOOL}.`,
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
			displayName: 'Skip If They Replied',
			name: 'skipIfReplied',
			type: 'boolean',
			default: false,
			description:
				'Whether to read the thread with the recipient first and not send when it holds any message from them (skipped as "replied", with the thread and their last message); one or two extra reads per item, no quota',
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

interface Input extends Recipient {
	repeat: boolean;
	checkReplies: boolean;
}

function messageText(ctx: IExecuteSingleFunctions): string {
	const message = textParameter(ctx, 'Text', ctx.getNodeParameter('text', ''));
	if (message !== '') return message;
	throw emptyError(
		ctx,
		'"Text" is empty',
		'Write the message in Text, e.g. Hi {{ $json.firstName }}, thanks for connecting! An expression pointing at a field the incoming item does not have gives an empty text.',
	);
}

function conversationOf(ctx: IExecuteSingleFunctions): string | undefined {
	const urn = textParameter(ctx, 'Conversation URN', ctx.getNodeParameter('conversationUrn', ''));
	if (urn === '') return undefined;
	if (isConversationUrn(urn)) return urn;
	throw inputError(
		ctx,
		`"Conversation URN" is not a conversation URN: ${JSON.stringify(urn.slice(0, 80))}`,
		'Map it to the conversationUrn of an item from Conversation → Get Many, Get Messages or the trigger’s New Message (urn:li:msg_conversation:…), or leave it empty to message the recipient.',
	);
}

/**
 * Which endpoint each kind of message takes: a reply or a normal message POST /conversations/send (the current one);
 * a group message to a member URN POST /messaging/send-group; InMail, and a group message to a vanity name, the
 * deprecated POST /message, the only endpoint the API documents for them.
 */
function routeOf(
	ctx: IExecuteSingleFunctions,
	recipient: Recipient,
	message: string,
	options: IDataObject,
): { request: ApiRequest; action: string | null } {
	const { profile, conversationUrn } = recipient;
	if (conversationUrn !== undefined || profile === undefined)
		return {
			request: { url: '/conversations/send', body: { conversationUrn, message } },
			action: null,
		};
	const to =
		profile.kind === 'slug'
			? { recipientProfileId: profile.profileId }
			: { recipientProfileUrn: profile.profileUrn };
	const groupId = textParameter(ctx, 'Group ID', options.groupId);
	if (options.messageType === 'inmail') {
		const subject = textParameter(ctx, 'Subject', options.subject);
		const body = {
			...to,
			message,
			messageType: 'inmail',
			...(subject !== '' ? { subject } : {}),
			...(groupId !== '' ? { groupId } : {}),
		};
		return { request: { url: '/message', body }, action: 'MESSAGE' };
	}
	if (groupId !== '' && profile.kind === 'urn')
		return {
			request: { url: '/messaging/send-group', body: { ...to, groupId, message } },
			action: 'MESSAGE',
		};
	if (groupId !== '')
		return {
			request: { url: '/message', body: { ...to, message, messageType: 'normal', groupId } },
			action: 'MESSAGE',
		};
	return {
		request: { url: '/conversations/send', body: { ...to, message } },
		action: 'NEW_CONVERSATION',
	};
}

function input(
	ctx: IExecuteSingleFunctions,
	request: Input['request'],
	options: IDataObject,
): Input {
	const conversationUrn = conversationOf(ctx);
	let profile: Recipient['profile'];
	if (conversationUrn === undefined) profile = profileParameter(ctx, undefined, 'Recipient');
	else {
		const parsed = parseProfile(ctx.getNodeParameter('profile', ''));
		if (!('problem' in parsed)) profile = parsed;
	}
	const message = messageText(ctx);
	const route = routeOf(ctx, { request, profile, conversationUrn }, message, options);
	const body = { ...(request.body as IDataObject), ...(route.request.body as IDataObject) };
	return {
		request: { ...request, url: route.request.url, body },
		who: {
			...(profile ? profileBody(profile) : {}),
			...(conversationUrn ? { conversationUrn } : {}),
		},
		profile,
		conversationUrn,
		action: route.action,
		repeat: options.allowRepeat === true,
		checkReplies: options.skipIfReplied === true,
		rules: rulesFor(options.onNotConnected),
	};
}

/**
 * The same person (or thread) twice in one run gets one message: the first item claims them until its outcome (a
 * failed send frees them for a later item). Skip If They Replied then reads the thread.
 */
async function before(job: Job<Input>): Promise<IDataObject | undefined> {
	const { profile, conversationUrn } = job.input;
	const ids = [
		...(profile ? personIds(profile) : []),
		...(conversationUrn ? [`conversation:${conversationUrn}`] : []),
	];
	const first = job.firstInRun(ids);
	if (!first && !job.input.repeat) return { reason: 'duplicate' };
	return job.input.checkReplies ? await repliedSkip(job) : undefined;
}

export const operation: Operation = {
	option: {
		name: 'Send',
		value: 'send',
		action: 'Send a message',
		description: 'Send a LinkedIn message to a connection or into a thread, or an InMail to anyone',
		routing: writeRouting(
			{ method: 'POST', url: '/conversations/send' },
			{ label: 'Send message', action: 'NEW_CONVERSATION', status: 'sent', input, before },
		),
	},
	fields: properties,
};
