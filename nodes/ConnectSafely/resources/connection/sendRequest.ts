import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { optionsCollection, personField, writeOptions } from '../../shared/descriptions/fields';
import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { inputError, profileParameter } from '../../shared/errors/input';
import type { AnswerRule } from '../../shared/errors/messages';
import { fitMessage, type LongMessagePolicy } from '../../shared/values/note';
import { memberIdOf, personIds, profileBody, type ProfileRef } from '../../shared/values/profile';
import { claimPerson, newClaim, type Taken } from '../../shared/write/people';
import type { Job, WriteInput } from '../../shared/write/job';
import { relationshipPath } from './getStatus';

const properties: INodeProperties[] = [
	personField,
	{
		displayName: 'Note',
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
			displayName: 'Spread Over Week',
			name: 'spreadOverWeek',
			type: 'boolean',
			default: false,
			description:
				'Whether to use at most the day’s share of the weekly quota (d/7 of it on day d, by ConnectSafely’s count), so a daily schedule sends all week; the rest come out skipped ("dailyShare")',
		},
		{
			displayName: 'Note Limit',
			name: 'messageLimit',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: 300,
			description:
				'Maximum note length in characters. LinkedIn allows 300 on premium accounts and 200 on free ones.',
		},
		{
			displayName: 'On Long Note',
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
			description: 'What to do when the note is longer than the limit',
		},
	]),
];

const CONNECTED =
	/\balready (?:connected|a connection|in (?:your|the) network)\b|\bare (?:already )?connected\b/i;
const PENDING =
	/\bpending\b|\balready (?:been )?(?:invited|sent)\b|\binvitation (?:was |has )?already\b/i;
const WITHDRAWN = /\bwithdrawn\b[^]*\bre-?invit/i;
const UNTIL = /\buntil (\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)/i;

/** ConnectSafely's 400 texts that mean nothing needed doing; any other 400 is an error. */
export const rules: AnswerRule[] = [
	{
		when: (text) => WITHDRAWN.test(text),
		skip: 'withdrawn',
		details: (text) => ({ resumeAfter: UNTIL.exec(text)?.[1] ?? null }),
	},
	{ when: (text) => CONNECTED.test(text) && PENDING.test(text), skip: 'connectedOrPending' },
	{ when: (text) => CONNECTED.test(text), skip: 'connected' },
	{ when: (text) => PENDING.test(text), skip: 'pending' },
];

interface Input extends WriteInput {
	profile: ProfileRef;
	check: boolean;
}

function input(
	ctx: Parameters<typeof profileParameter>[0],
	request: Input['request'],
	options: IDataObject,
): Input {
	const profile = profileParameter(ctx);
	const fitted = fitMessage(
		ctx.getNodeParameter('message', ''),
		(options.messageLimit as number | undefined) ?? 300,
		(options.onLongMessage as LongMessagePolicy | undefined) ?? 'error',
	);
	if ('problem' in fitted) throw inputError(ctx, `"Note": ${fitted.problem}`, fitted.hint);
	const who = profileBody(profile);
	const note = fitted.message !== undefined ? { customMessage: fitted.message } : {};
	return {
		request: { ...request, body: { ...(request.body as IDataObject), ...who, ...note } },
		who,
		profile,
		check: options.skipIfConnectedOrPending !== false,
		spread: options.spreadOverWeek === true,
		output: {
			...(fitted.truncated ? { messageTruncated: true } : {}),
			...(fitted.omitted ? { messageOmitted: true } : {}),
		},
	};
}

function takenSkip(taken: Taken): IDataObject {
	return taken.reason === 'withdrawn'
		? { reason: 'withdrawn', resumeAfter: taken.until }
		: { reason: 'duplicate' };
}

/** In the item's turn: once per person and account, and not to people already connected or invited. */
async function before(job: Job<Input>): Promise<IDataObject | undefined> {
	const claim = newClaim(job.scope, job.now);
	job.claim = claim;
	const taken = claimPerson(claim, personIds(job.input.profile));
	if (taken) return takenSkip(taken);
	// The check reads /relationship, which takes a vanity name only: a URN goes without it (a 400 still skips).
	if (!job.input.check || job.input.profile.kind !== 'slug') return undefined;
	const relationship = (
		await job.read(
			'Send connection request (status check)',
			{ method: 'GET', url: relationshipPath(job.input.profile.profileId, job.account) },
			'relationship',
		)
	).body as IDataObject;
	const memberId = memberIdOf(relationship.profileUrn);
	const alias = memberId ? claimPerson(claim, [`member:${memberId}`]) : undefined;
	if (alias) return takenSkip(alias);
	if (relationship.connected === true) return { reason: 'connected' };
	if (relationship.invitationSent === true) return { reason: 'pending' };
	if (relationship.invitationReceived === true) return { reason: 'theyInvitedYou' };
	return undefined;
}

export const operation: Operation = {
	option: {
		name: 'Send Request',
		value: 'sendRequest',
		action: 'Send a connection request',
		description: 'Invite a person to connect, optionally with a personal note',
		routing: writeRouting(
			{ method: 'POST', url: '/connect' },
			{ label: 'Send connection request', action: 'CONNECT', status: 'sent', rules, input, before },
		),
	},
	fields: properties,
};
