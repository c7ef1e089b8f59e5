import type { IDataObject, IExecuteSingleFunctions } from 'n8n-workflow';

import { personField, writeOptionsField } from '../../shared/descriptions/fields';
import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { profileParameter } from '../../shared/errors/input';
import type { ApiRequest } from '../../shared/request/transport';
import { profileBody } from '../../shared/values/profile';
import type { WriteInput } from '../../shared/write/job';

/** Follow and Unfollow: POST /follow with the person (by URN when the item has it) and the action. */
export function followInput(action: 'follow' | 'unfollow') {
	return (ctx: IExecuteSingleFunctions, request: ApiRequest): WriteInput => {
		const who = profileBody(profileParameter(ctx));
		const body: IDataObject = { ...(request.body as IDataObject), ...who, action };
		return { request: { ...request, body }, who };
	};
}

export const followFields = [personField, writeOptionsField];

export const operation: Operation = {
	option: {
		name: 'Follow',
		value: 'follow',
		action: 'Follow a person',
		description: 'Follow a person, so their posts show in the account’s feed (100 a day)',
		routing: writeRouting(
			{ method: 'POST', url: '/follow' },
			{ label: 'Follow', action: 'FOLLOW', status: 'followed', input: followInput('follow') },
		),
	},
	fields: followFields,
};
