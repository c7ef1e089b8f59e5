import { writeRouting, type Operation } from '../../shared/descriptions/operations';
import { followFields, followInput } from './follow';

export const operation: Operation = {
	option: {
		name: 'Unfollow',
		value: 'unfollow',
		action: 'Unfollow a person',
		description: 'Stop following a person (counts against the 100 follows a day)',
		routing: writeRouting(
			{ method: 'POST', url: '/follow' },
			{ label: 'Unfollow', action: 'FOLLOW', status: 'unfollowed', input: followInput('unfollow') },
		),
	},
	fields: followFields,
};
